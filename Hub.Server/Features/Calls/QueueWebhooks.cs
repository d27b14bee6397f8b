using Microsoft.AspNetCore.Http.HttpResults;
using SupportHub.Server.Features.Chat;
using Twilio.TwiML;
using Leave = Twilio.TwiML.Voice.Leave;

namespace SupportHub.Server.Features.Calls;

/// <summary>The caller waits in Twilio's queue: hears their place, may press a key to leave, and Enqueue's action hears how the wait ended.</summary>
internal static class QueueWebhooks
{
    /// <summary>
    /// The caller's place and estimate while the call waits; "connecting" only once an agent has it. A
    /// call Hub does not know (or that is over) is told so and ended, never left waiting for nobody.
    /// </summary>
    public static async Task<ContentHttpResult> WaitAsync(CallWebhook hook, CallQueuePosition positions, IConversationStore conversations, CallTwiml twiml, CancellationToken ct)
    {
        var texts = twiml.Texts;
        var call = await conversations.GetAsync(CallConversations.LiveId(hook.CallSid), ct);
        if (call is null || !call.IsOpen)
        {
            return CallTwiml.Result(twiml.Goodbye(texts.NobodyAvailable + " " + texts.CallAgainLater));
        }

        if (call.IsWithAgent)
        {
            return CallTwiml.Result(twiml.Wait(texts.Connecting));
        }

        var place = await positions.OfAsync(hook.CallSid);
        return CallTwiml.Result(twiml.Wait(
            place is { } p ? texts.Position(p.Position) + (p.EstimatedMinutes is { } m ? " " + texts.EstimatedWait(m) : "") : texts.OnHold));
    }

    /// <summary>A key pressed while waiting: the call leaves the router's queue and Twilio's (Enqueue's action then offers the choices).</summary>
    public static async Task<ContentHttpResult> LeaveQueueAsync(CallWebhook hook, KnownCall known, CallFollowUp followUps)
    {
        if (known.Conversation.IsWaiting)
        {
            await followUps.LeaveQueueAsync(known.Conversation);
        }

        return CallTwiml.Result(new VoiceResponse().Append(new Leave()));
    }

    public static ContentHttpResult QueueResult(CallWebhook hook, KnownCall known, CallTwiml twiml) =>
        hook.QueueResult == "leave" && known.Conversation.IsWaiting
            ? CallTwiml.Result(twiml.MessageMenu(new VoiceResponse()))
            : CallTwiml.Result(new VoiceResponse()); // bridged, hung up or redirected: the status callback has the rest
}

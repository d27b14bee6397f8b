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

    /// <summary>
    /// Enqueue's action, for every <c>QueueResult</c> Twilio sends: <c>leave</c> (a key pressed) offers
    /// voicemail or a callback; <c>hangup</c> ends the call at once as abandoned (with a callback task when
    /// the number is known); <c>queue-full</c>, <c>system-error</c> and <c>error</c> take the call out of
    /// the router's queue, say sorry and offer voicemail or a callback; <c>bridged</c>,
    /// <c>bridging-in-process</c>, <c>redirected</c> and <c>redirected-from-bridged</c> mean Hub moved the
    /// call (to an agent) and its TwiML goes on.
    /// </summary>
    [KnownCall.HarmlessWhenUnknown]
    public static async Task<ContentHttpResult> QueueResultAsync(
        CallWebhook hook, KnownCall known, CallFollowUp followUps, EndCall end, CallTwiml twiml, CancellationToken ct)
    {
        var call = known.Conversation;
        switch (hook.QueueResult)
        {
            case "leave" when call.IsWaiting:
                return CallTwiml.Result(twiml.MessageMenu(new VoiceResponse()));
            case "hangup":
                await end.EndAsync(call, "hangup", ct);
                return CallTwiml.Result(new VoiceResponse().Hangup());
            case "queue-full" or "system-error" or "error" when call.IsWaiting:
                await followUps.LeaveQueueAsync(call);
                return CallTwiml.Result(twiml.MessageMenu(twiml.Say(new VoiceResponse(), twiml.Texts.NobodyAvailable)));
            case "queue-full" or "system-error" or "error" when !call.IsOpen:
                return CallTwiml.Result(twiml.Goodbye(twiml.Texts.NobodyAvailable + " " + twiml.Texts.CallAgainLater));
            default:
                return CallTwiml.Result(new VoiceResponse()); // bridged or redirected: the TwiML Hub sent goes on; the status callback has the rest
        }
    }
}

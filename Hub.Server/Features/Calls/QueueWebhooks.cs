using Microsoft.AspNetCore.Http.HttpResults;
using SupportHub.Server.Features.Chat;
using Twilio.TwiML;
using Leave = Twilio.TwiML.Voice.Leave;

namespace SupportHub.Server.Features.Calls;

/// <summary>The caller waits in Twilio's queue: hears their place, may press a key to leave, and Enqueue's action hears how the wait ended.</summary>
internal static class QueueWebhooks
{
    public static async Task<ContentHttpResult> WaitAsync(CallWebhook hook, CallQueuePosition positions, CallTwiml twiml)
    {
        var texts = twiml.Texts;
        var place = await positions.OfAsync(hook.CallSid);
        return CallTwiml.Result(twiml.Wait(
            place is { } p ? texts.Position(p.Position) + (p.EstimatedMinutes is { } m ? " " + texts.EstimatedWait(m) : "") : texts.Connecting));
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

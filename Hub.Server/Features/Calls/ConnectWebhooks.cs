using Microsoft.AspNetCore.Http.HttpResults;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using Twilio.TwiML;

namespace SupportHub.Server.Features.Calls;

/// <summary>The caller was put through to an agent (TwilioCallBridge): whether the agent answered, and hold.</summary>
internal static class ConnectWebhooks
{
    /// <summary>
    /// Dial's action: the agent's leg ended. Answered and over: the call ends. Not answered (the
    /// browser was closed, the phone busy): the agent is set away, so the call is not offered to
    /// them again at once, and the caller goes back to the queue, first in line.
    /// </summary>
    public static async Task<ContentHttpResult> DialResultAsync(
        CallWebhook hook, KnownCall known, RequeueFromLostAgent requeue, PresenceService presence, CallTwiml twiml, CancellationToken ct)
    {
        var call = known.Conversation;
        if (hook.DialCallStatus is "no-answer" or "busy" or "failed" or "canceled" && call is { IsWithAgent: true, AssignedAgentId: { } agentId })
        {
            await presence.SetStatusAsync(agentId, PresenceStatus.Away); // first, so that the call is not offered to them again
            if (await requeue.RequeueAsync(call.Id, agentId, moveCaller: false, ct))
            {
                return CallTwiml.Result(twiml.Enqueue(twiml.Say(new VoiceResponse(), twiml.Texts.AgentMissed)));
            }
        }

        return CallTwiml.Result(new VoiceResponse().Hangup());
    }

    /// <summary>Hold music (or a pause) for a caller on hold, again and again until the agent takes them back.</summary>
    public static ContentHttpResult Hold(CallWebhook hook, CallTwiml twiml) => CallTwiml.Result(twiml.HoldLoop());
}

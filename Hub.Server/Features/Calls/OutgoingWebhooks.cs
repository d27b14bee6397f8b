using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Calls;

/// <summary>Calls the console's browser phone places (the TwiML app's voice URL).</summary>
internal static class OutgoingWebhooks
{
    /// <summary>
    /// Only a callback: the agent holds the voice task named by <c>ConversationId</c>, and the call goes
    /// to that customer's number (never to a number the browser names), from <c>Hub:Twilio:CallerId</c>.
    /// </summary>
    public static async Task<IResult> OutgoingAsync(
        CallWebhook hook, IConversationStore conversations, CallTranscript transcript, CallTwiml twiml, IOptions<TwilioOptions> options, CancellationToken ct)
    {
        var agentId = hook.From.StartsWith("client:", StringComparison.Ordinal) ? hook.From["client:".Length..] : null;
        var conversation = string.IsNullOrEmpty(hook.ConversationId) ? null : await conversations.GetAsync(hook.ConversationId, ct);
        if (agentId is null || conversation is null)
        {
            return TypedResults.Problem("Only a callback from the console's browser phone, naming its conversation, can be placed.", statusCode: StatusCodes.Status404NotFound);
        }

        if (!conversation.IsAssignedTo(agentId) || !conversation.IsOpen || conversation.Channel != Channel.Voice || conversation.Call?.CallerNumber is not { } number)
        {
            return TypedResults.Problem($"Conversation '{conversation.Id}' is no open phone task of this agent.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (string.IsNullOrWhiteSpace(options.Value.CallerId))
        {
            return TypedResults.Problem("Set Hub:Twilio:CallerId (a number of your Twilio account) to call customers back.", statusCode: StatusCodes.Status409Conflict);
        }

        await transcript.NoteAsync(conversation, $"Calling {number} back.", ct);
        return CallTwiml.Result(twiml.CallBack(number));
    }
}

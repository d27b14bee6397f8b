using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// Fills the <see cref="KnownCall"/> argument of a webhook from its CallSid, or answers 404 problem
/// details when no call of that CallSid is known here (a stray or forged webhook). Endpoints
/// without a <see cref="KnownCall"/> parameter pass through.
/// </summary>
internal sealed partial class KnownCallFilter(IConversationStore conversations, ILogger<KnownCallFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<KnownCall>().FirstOrDefault() is not { } known || context.Arguments.OfType<CallWebhook>().FirstOrDefault() is not { } hook)
        {
            return await next(context);
        }

        var metadata = context.HttpContext.GetEndpoint()?.Metadata;
        var followUp = metadata?.GetMetadata<KnownCall.FollowUpAttribute>() is not null;
        var id = followUp ? CallConversations.FollowUpId(hook.CallSid) : CallConversations.LiveId(hook.CallSid);
        if (await conversations.GetAsync(id, context.HttpContext.RequestAborted) is not { } conversation)
        {
            if (metadata?.GetMetadata<KnownCall.HarmlessWhenUnknownAttribute>() is not null)
            {
                LogUnknownCall(logger, context.HttpContext.Request.Path.Value ?? "", hook.CallSid, hook.CallStatus);
                return CallTwiml.Result(new Twilio.TwiML.VoiceResponse());
            }

            return TypedResults.Problem($"No call '{hook.CallSid}' is known here.", statusCode: StatusCodes.Status404NotFound);
        }

        known.Conversation = conversation;
        return await next(context);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Twilio sent {Path} for call {CallSid} ({CallStatus}), which never became a conversation here; answered with empty TwiML")]
    private static partial void LogUnknownCall(ILogger logger, string path, string callSid, string callStatus);
}

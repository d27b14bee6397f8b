using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// Fills the <see cref="KnownCall"/> argument of a webhook from its CallSid, or answers 404 problem
/// details when no call of that CallSid is known here (a stray or forged webhook). Endpoints
/// without a <see cref="KnownCall"/> parameter pass through.
/// </summary>
internal sealed class KnownCallFilter(IConversationStore conversations) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<KnownCall>().FirstOrDefault() is not { } known || context.Arguments.OfType<CallWebhook>().FirstOrDefault() is not { } hook)
        {
            return await next(context);
        }

        var followUp = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<KnownCall.FollowUpAttribute>() is not null;
        var id = followUp ? CallConversations.FollowUpId(hook.CallSid) : CallConversations.LiveId(hook.CallSid);
        if (await conversations.GetAsync(id, context.HttpContext.RequestAborted) is not { } conversation)
        {
            return TypedResults.Problem($"No call '{hook.CallSid}' is known here.", statusCode: StatusCodes.Status404NotFound);
        }

        known.Conversation = conversation;
        return await next(context);
    }
}

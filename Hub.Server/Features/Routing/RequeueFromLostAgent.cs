using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Routing;

/// <summary>
/// The router's move when an agent is lost: they went offline past their grace period, or did not
/// answer the call they accepted. The customer is not left with nobody: the conversation waits again,
/// first in line.
/// </summary>
public sealed class RequeueFromLostAgent(
    IConversationStore conversations,
    ConversationMessages messages,
    ChatNotifier notifier,
    RoutingGateway queue,
    ChannelHooks channels)
{
    /// <summary>
    /// False when the conversation was closed or taken over meanwhile. A caller is moved back to
    /// Twilio's queue unless <paramref name="moveCaller"/> is false (the webhook answering Twilio does it).
    /// </summary>
    public async Task<bool> RequeueAsync(string conversationId, string agentId, bool moveCaller, CancellationToken ct)
    {
        var conversation = await conversations.GetAsync(conversationId, ct);
        if (conversation is null || !await conversations.TryRequeueAsync(conversationId, agentId, conversation.Level, ct))
        {
            // Closed or taken over meanwhile: only the capacity it held is left to free.
            await queue.ReleaseAssignmentAsync(conversationId, conversation?.Channel ?? Channel.Chat, agentId);
            return false;
        }

        var moved = await conversations.ReloadAsync(conversationId, ct);
        await messages.SendSystemAsync(moved, "Your agent is no longer available. We are connecting you with someone else.", ct);
        await queue.RequeueAsync(moved, agentId, explicitLevel: moved.Level != 1);
        await notifier.WaitingAgainAsync(moved);
        if (moveCaller)
        {
            await channels.ReturnedToQueueAsync(moved, ct); // a caller waits in Twilio's queue again (a cold transfer)
        }

        return true;
    }
}

using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Features.Routing;

/// <summary>The router's move: the workflow sends a waiting conversation to another level (a target timed out or had nobody).</summary>
public sealed class MoveWaitingToLevel(IConversationStore conversations, TicketDesk desk, ChatNotifier notifier)
{
    public async Task MoveAsync(string conversationId, int level, string reason, CancellationToken ct)
    {
        var conversation = await conversations.GetAsync(conversationId, ct);
        if (conversation is not { IsWaiting: true } || !await conversations.TryRequeueAsync(conversationId, null, level, ct))
        {
            return;
        }

        await desk.MoveToLevelAsync(conversation.TicketId, level, reason, ct);
        var moved = await conversations.ReloadAsync(conversationId, ct);
        await notifier.WaitingAgainAsync(moved); // queue views show the new level
    }
}

using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Routing;

/// <summary>
/// Keeps the router's queue holding every conversation the document store has Waiting, so a step
/// that failed halfway (an accept whose store write was cancelled after the routing step, a transfer
/// that stopped between its two writes) cannot leave a customer waiting where no agent is offered it.
/// </summary>
/// <remarks>
/// Like <see cref="LoadReconciler"/>: the two stores cannot be read in one step, so a conversation is
/// queued again only when this node saw it Waiting and unqueued at its previous pass too, and then
/// through <see cref="RoutingGateway.RestoreWaitingAsync"/>, which reads the store once more before
/// and after queueing. See docs/routing.md.
/// </remarks>
public sealed partial class QueueReconciler(
    IRoutingState state, IConversationStore conversations, RoutingGateway queue, ILogger<QueueReconciler> logger)
{
    private const int Limit = 100_000;

    private HashSet<string> previous = new(StringComparer.Ordinal);

    /// <summary>One comparison of the store's waiting conversations with the queue; returns how many it queued again.</summary>
    public async Task<int> RunPassAsync(CancellationToken ct = default)
    {
        // The store first, then the queue: a conversation queued after the store was read is in the
        // queue by the time it is read, so only one that stays unqueued is a difference.
        var waiting = await conversations.ListByStatusAsync(ConversationStatus.Waiting, Limit, ct);
        var queued = (await state.GetTasksAsync()).Select(t => t.ConversationId).ToHashSet(StringComparer.Ordinal);
        var seen = waiting.Where(c => !queued.Contains(c.Id)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

        var restored = 0;
        foreach (var id in seen.Where(previous.Contains))
        {
            if (await conversations.GetAsync(id, ct) is { IsWaiting: true } conversation && await state.GetTaskAsync(id) is null)
            {
                await queue.RestoreWaitingAsync(conversation);
                LogRestored(id);
                restored++;
            }
        }

        previous = seen;
        return restored;
    }

    [LoggerMessage(EventId = 2404, Level = LogLevel.Warning, Message = "Conversation {ConversationId} was waiting in the store but not in the router's queue; queued again")]
    private partial void LogRestored(string conversationId);
}

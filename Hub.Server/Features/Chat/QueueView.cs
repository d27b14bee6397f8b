using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Routing;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// The agents' queue, paged per level so that a flood at one level never hides the oldest of another,
/// and the supervisor's view of floods: waiting conversations grouped by the address they came from,
/// which a supervisor can close in one action.
/// </summary>
public sealed class QueueView(IConversationStore conversations, CloseConversation close, IOptions<RoutingOptions> routing)
{
    /// <summary>Conversations per level in <c>GetQueue</c> and per <c>GetQueuePage</c>.</summary>
    public const int PageSize = 100;

    /// <summary>The flood view and a purge look at this many of the oldest waiting conversations at once.</summary>
    public const int FloodScanLimit = 5000;

    public const string PurgedText = "A supervisor closed this conversation as part of a flood.";

    /// <summary>The oldest <see cref="PageSize"/> of every level, oldest first.</summary>
    public async Task<IReadOnlyList<QueueItemDto>> GetQueueAsync(CancellationToken ct)
    {
        var items = new List<QueueItemDto>();
        for (var level = 1; level <= routing.Value.Levels; level++)
        {
            items.AddRange((await conversations.ListWaitingAtLevelAsync(level, 0, PageSize, ct)).Select(c => c.ToQueueItem()));
        }

        return [.. items.OrderBy(i => i.WaitingSince)];
    }

    public async Task<QueuePageDto> GetPageAsync(QueuePageRequest request, CancellationToken ct)
    {
        var page = await conversations.ListWaitingAtLevelAsync(request.Level, request.Skip, PageSize + 1, ct);
        return new QueuePageDto(request.Level, request.Skip, [.. page.Take(PageSize).Select(c => c.ToQueueItem())], page.Count > PageSize);
    }

    /// <summary>Addresses with more than one waiting conversation, the most first.</summary>
    public async Task<IReadOnlyList<FloodDto>> GetFloodsAsync(CancellationToken ct) =>
        [.. (await conversations.ListByStatusAsync(ConversationStatus.Waiting, FloodScanLimit, ct))
            .Where(c => c.StartedFrom is not null)
            .GroupBy(c => c.StartedFrom!)
            .Where(g => g.Count() > 1)
            .Select(g => new FloodDto(g.Key, g.Count(), g.Select(c => c.CustomerId).Distinct().Count(), g.Min(c => c.CreatedAt)))
            .OrderByDescending(f => f.Waiting)
            .ThenBy(f => f.OldestWaitingSince)];

    /// <summary>Ends every waiting conversation from the address (among the oldest <see cref="FloodScanLimit"/>); one taken meanwhile stays.</summary>
    public async Task<PurgeFloodResult> PurgeAsync(PurgeFloodRequest request, CancellationToken ct)
    {
        var closed = 0;
        foreach (var conversation in await conversations.ListByStatusAsync(ConversationStatus.Waiting, FloodScanLimit, ct))
        {
            if (conversation.StartedFrom == request.StartedFrom && await close.EndWaitingAsync(conversation, PurgedText, ct))
            {
                closed++;
            }
        }

        return new PurgeFloodResult(closed);
    }
}

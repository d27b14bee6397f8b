namespace SupportHub.Server.Features.Routing;

public static class RoutingOrder
{
    /// <summary>Queue order: higher priority first, then the longest waiting.</summary>
    public static IReadOnlyList<RoutingTask> Sort(IEnumerable<RoutingTask> tasks) =>
        [.. tasks.OrderByDescending(t => t.Priority).ThenBy(t => t.EnqueuedAt).ThenBy(t => t.ConversationId, StringComparer.Ordinal)];

    /// <summary>Agent order for an offer: longest idle first, then the least loaded.</summary>
    public static IEnumerable<AgentPresence> Candidates(IEnumerable<AgentPresence> agents) =>
        agents.OrderBy(a => a.IdleSince).ThenBy(a => a.ChatLoad + a.VoiceLoad).ThenBy(a => a.AgentId, StringComparer.Ordinal);
}

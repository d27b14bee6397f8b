using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Routing;

/// <summary>
/// Keeps every agent's load in the routing state equal to what the agent holds in the document store
/// (its Active conversations) plus its open offers, so a step that failed halfway (a crash, a lost
/// connection, a race between the two stores) cannot leave capacity taken or free for good.
/// </summary>
/// <remarks>
/// The two stores cannot be read in one atomic step, so a difference may be a transition in flight
/// (an accept that has taken the routing step but not yet the store's). A difference is therefore
/// only repaired when this node saw the same difference at its previous pass as well, one interval
/// earlier, and then only by a conditional step of the routing state: a removal never takes the
/// agent's open offer, an addition never a conversation that is queued. See docs/routing.md.
/// </remarks>
public sealed partial class LoadReconciler(
    IRoutingState state, IConversationStore conversations, TimeProvider time, ILogger<LoadReconciler> logger)
{
    private HashSet<Difference> previous = [];
    private long repairs;

    /// <summary>Load entries repaired since start: each one a step that failed halfway or a race between the stores.</summary>
    public long Repairs => Interlocked.Read(ref repairs);

    /// <summary>One comparison of every agent the routing state knows; returns how many entries it repaired.</summary>
    public async Task<int> RunPassAsync(CancellationToken ct = default)
    {
        // Offers first, then each agent's load, then the store: an entry added after the offers were
        // read shows up as a difference now, and is seen to be fine at the next pass.
        var offers = (await state.GetTasksAsync()).Where(t => t.OfferedTo is not null).ToLookup(t => t.OfferedTo!, t => t.ConversationId);
        var seen = new HashSet<Difference>();
        foreach (var agent in await state.GetAgentsAsync(time.GetUtcNow()))
        {
            var load = (await state.GetLoadAsync(agent.AgentId)).ToHashSet(StringComparer.Ordinal);
            var held = await conversations.ListOpenByAgentAsync(agent.AgentId, ct);
            var heldIds = held.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            var offered = offers[agent.AgentId].ToHashSet(StringComparer.Ordinal);
            seen.UnionWith(load.Where(id => !heldIds.Contains(id) && !offered.Contains(id))
                .Select(id => new Difference(agent.AgentId, id, Stale: true, Channel.Chat)));
            seen.UnionWith(held.Where(c => !load.Contains(c.Id)).Select(c => new Difference(agent.AgentId, c.Id, Stale: false, c.Channel)));
        }

        var repaired = 0;
        foreach (var difference in seen.Where(previous.Contains))
        {
            if (difference.Stale && await state.TryDropLoadAsync(difference.AgentId, difference.ConversationId))
            {
                LogDropped(difference.AgentId, difference.ConversationId);
                repaired++;
            }
            else if (!difference.Stale && await state.TryRestoreLoadAsync(difference.AgentId, difference.ConversationId, difference.Channel))
            {
                LogRestored(difference.AgentId, difference.ConversationId);
                repaired++;
            }
        }

        previous = seen;
        Interlocked.Add(ref repairs, repaired);
        return repaired;
    }

    /// <summary>A load entry the agent neither holds nor is offered (Stale), or a held conversation missing from the load.</summary>
    private readonly record struct Difference(string AgentId, string ConversationId, bool Stale, Channel Channel);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Agent {AgentId}'s load counted conversation {ConversationId}, which it neither holds nor is offered; removed")]
    private partial void LogDropped(string agentId, string conversationId);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "Agent {AgentId} holds conversation {ConversationId}, which its load did not count; added")]
    private partial void LogRestored(string agentId, string conversationId);
}

using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Routing;

/// <summary>
/// The ephemeral state of routing: queue, presence, offers and load. Rebuildable from the document
/// store. Every step that must not race (reserve, accept, release) is atomic: one lock in-process,
/// one Lua script on Redis. Every adapter passes RoutingStateContract. Times come from the caller,
/// so tests drive them with a fake clock.
/// </summary>
public interface IRoutingState
{
    /// <summary>
    /// Creates or refreshes an agent's profile; presence and load are kept. An agent the state does not
    /// know yet starts with <paramref name="status"/> and no connection, its grace period counting from <paramref name="at"/>.
    /// </summary>
    Task RegisterAgentAsync(AgentProfileSnapshot profile, DateTimeOffset at, PresenceStatus status = PresenceStatus.Offline);

    Task<AgentPresence?> GetAgentAsync(string agentId, DateTimeOffset at);

    Task<IReadOnlyList<AgentPresence>> GetAgentsAsync(DateTimeOffset at);

    /// <summary>Sets the status the agent chose. Becoming available (from another status) resets missed offers and the idle time.</summary>
    Task SetStatusAsync(string agentId, PresenceStatus status, DateTimeOffset at);

    /// <summary>
    /// A connection of the agent is alive until <paramref name="expiresAt"/> (connect and heartbeat).
    /// False, and nothing recorded, when the state does not know the agent (it lost its data).
    /// </summary>
    Task<bool> TouchConnectionAsync(string agentId, string connectionId, DateTimeOffset expiresAt);

    /// <summary>A connection closed; the agent's grace period starts when it was the last live one.</summary>
    Task DropConnectionAsync(string agentId, string connectionId, DateTimeOffset at);

    /// <summary>False when the conversation is queued already.</summary>
    Task<bool> EnqueueAsync(RoutingTask task);

    Task<RoutingTask?> GetTaskAsync(string conversationId);

    /// <summary>Highest priority first, then oldest.</summary>
    Task<IReadOnlyList<RoutingTask>> GetTasksAsync();

    /// <summary>
    /// Moves a queued, not offered task on to <paramref name="targetIndex"/> from the target before it;
    /// false when it is offered, gone, or moved already (by another node), so a move happens once.
    /// </summary>
    Task<bool> RetargetAsync(string conversationId, int targetIndex, int level, DateTimeOffset since);

    /// <summary>Removes a task; an open offer for it is withdrawn and its capacity freed. Returns the removed task.</summary>
    Task<RoutingTask?> RemoveTaskAsync(string conversationId, DateTimeOffset at);

    /// <summary>
    /// Offers a queued task to an agent: only when the task is not offered, the agent is available
    /// and has free capacity on the task's channel. The offer counts against the capacity at once.
    /// </summary>
    Task<bool> TryReserveAsync(string conversationId, string agentId, DateTimeOffset deadline, DateTimeOffset at);

    /// <summary>Turns the agent's open offer into an assignment: the task leaves the queue, the load stays.</summary>
    Task<bool> TryAcceptAsync(string conversationId, string agentId, DateTimeOffset at);

    /// <summary>
    /// Withdraws the agent's offer (declined, or missed when <paramref name="missed"/>); the task waits again.
    /// A missed offer is only withdrawn once its deadline is reached at <paramref name="at"/>, so a sweep
    /// that read an expired offer never withdraws a newer one made to the same agent meanwhile.
    /// </summary>
    Task<ReleaseResult> ReleaseOfferAsync(string conversationId, string agentId, bool missed, DateTimeOffset at);

    /// <summary>Offers whose deadline has passed.</summary>
    Task<IReadOnlyList<RoutingTask>> GetExpiredOffersAsync(DateTimeOffset at);

    /// <summary>
    /// A claim: takes a task that is queued and not offered to another agent (the agent's own offer
    /// may be claimed instead of accepted), within the agent's capacity on the task's channel. The
    /// task leaves the queue and takes the slot. False when the task is not queued (accepted, claimed
    /// or withdrawn already), is offered to someone else, or the agent is full or unknown; so a claim
    /// never beats a live offer, nor an accept that won it.
    /// </summary>
    Task<bool> TryClaimAsync(string conversationId, string agentId, DateTimeOffset at);

    /// <summary>
    /// Assigns a conversation straight to an agent (a reassignment, a reopen, a rebuild): removes its task if
    /// queued and not offered to someone else, and takes capacity. False when the agent is full or
    /// the task is offered to another agent.
    /// </summary>
    Task<bool> TryAssignAsync(string conversationId, Channel channel, string agentId, DateTimeOffset at);

    /// <summary>Frees the capacity a conversation held; idempotent.</summary>
    Task ReleaseAssignmentAsync(string conversationId, Channel channel, string agentId, DateTimeOffset at);

    /// <summary>Conversations (offered or assigned) that count against the agent's capacity.</summary>
    Task<IReadOnlyList<string>> GetLoadAsync(string agentId);

    /// <summary>
    /// False when the state lost its data (a Redis restarted without persistence, or flushed) since the
    /// last <see cref="MarkRebuiltAsync"/>, or was never rebuilt: the routing recovery then rebuilds it.
    /// </summary>
    Task<bool> IsRebuiltAsync();

    /// <summary>Records that the state was rebuilt from the document store.</summary>
    Task MarkRebuiltAsync(DateTimeOffset at);

    /// <summary>
    /// Reconciliation (<see cref="LoadReconciler"/>): removes a conversation from the agent's load, on
    /// either channel, unless it is the agent's open offer at this moment. False when it was not
    /// there, or is offered to the agent.
    /// </summary>
    Task<bool> TryDropLoadAsync(string agentId, string conversationId);

    /// <summary>
    /// Reconciliation (<see cref="LoadReconciler"/>): counts a conversation the agent holds in the
    /// document store against its capacity again. Not while the conversation is queued (it waits for
    /// an agent, so nobody holds it), nor for an agent the state does not know. No capacity check:
    /// the agent holds it. False when nothing was added.
    /// </summary>
    Task<bool> TryRestoreLoadAsync(string agentId, string conversationId, Channel channel);
}

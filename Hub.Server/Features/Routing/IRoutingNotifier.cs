namespace SupportHub.Server.Features.Routing;

/// <summary>What the router tells the rest of Hub: the chat side pushes it to consoles and widgets.</summary>
public interface IRoutingNotifier
{
    Task OfferCreatedAsync(RoutingTask task, string agentId, DateTimeOffset deadline);

    Task OfferExpiredAsync(RoutingTask task, string agentId);

    /// <summary>The offer is gone for another reason (accepted on another device, the conversation ended or moved): the agent's consoles drop its card.</summary>
    Task OfferWithdrawnAsync(string conversationId, string agentId);

    Task PresenceChangedAsync(string agentId, PresenceStatus status);

    /// <summary>A workflow timeout or skip moved a waiting conversation to another level.</summary>
    Task TaskRetargetedAsync(RoutingTask task, int fromLevel, int toLevel);

    /// <summary>The agent went offline past the grace period; these conversations it held go back to the queue.</summary>
    Task AgentWentOfflineAsync(string agentId, IReadOnlyList<string> conversationIds);

    /// <summary>After a pass: the queue and who is there, for positions, wait estimates and "nobody is available".</summary>
    Task QueueObservedAsync(IReadOnlyList<RoutingTask> queue, IReadOnlyList<AgentPresence> agents);
}

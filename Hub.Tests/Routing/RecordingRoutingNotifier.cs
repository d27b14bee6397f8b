using System.Collections.Concurrent;
using SupportHub.Server.Features.Routing;

namespace SupportHub.Tests.Routing;

/// <summary>Records what the router announced, in order.</summary>
public sealed class RecordingRoutingNotifier : IRoutingNotifier
{
    public ConcurrentQueue<(string ConversationId, string AgentId)> Offers { get; } = new();

    public ConcurrentQueue<(string ConversationId, string AgentId)> Expired { get; } = new();

    public ConcurrentQueue<(string ConversationId, string AgentId)> Withdrawn { get; } = new();

    public ConcurrentQueue<(string AgentId, PresenceStatus Status)> Presence { get; } = new();

    public ConcurrentQueue<(string ConversationId, int From, int To)> Retargeted { get; } = new();

    public ConcurrentQueue<(string AgentId, IReadOnlyList<string> ConversationIds)> WentOffline { get; } = new();

    public Task OfferCreatedAsync(RoutingTask task, string agentId, DateTimeOffset deadline)
    {
        Offers.Enqueue((task.ConversationId, agentId));
        return Task.CompletedTask;
    }

    public Task OfferExpiredAsync(RoutingTask task, string agentId)
    {
        Expired.Enqueue((task.ConversationId, agentId));
        return Task.CompletedTask;
    }

    public Task OfferWithdrawnAsync(string conversationId, string agentId)
    {
        Withdrawn.Enqueue((conversationId, agentId));
        return Task.CompletedTask;
    }

    public Task PresenceChangedAsync(string agentId, PresenceStatus status)
    {
        Presence.Enqueue((agentId, status));
        return Task.CompletedTask;
    }

    public Task TaskRetargetedAsync(RoutingTask task, int fromLevel, int toLevel)
    {
        Retargeted.Enqueue((task.ConversationId, fromLevel, toLevel));
        return Task.CompletedTask;
    }

    public Task AgentWentOfflineAsync(string agentId, IReadOnlyList<string> conversationIds)
    {
        WentOffline.Enqueue((agentId, conversationIds));
        return Task.CompletedTask;
    }

    public Task QueueObservedAsync(IReadOnlyList<RoutingTask> queue, IReadOnlyList<AgentPresence> agents) => Task.CompletedTask;

    public string? OfferFor(string conversationId) => Offers.LastOrDefault(o => o.ConversationId == conversationId).AgentId;
}

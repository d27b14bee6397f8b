using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Routing;

/// <summary>Carries the router's decisions to people: offers to consoles, positions to widgets, levels to tickets.</summary>
internal sealed class RoutingNotifier(
    IHubContext<AgentHub, IAgentClient> staff,
    IHubContext<CustomerHub, ICustomerClient> customers,
    IConversationStore conversations,
    IAgentStore agents,
    IRoutingState state,
    IServiceProvider services,
    IOptions<RoutingOptions> options,
    TimeProvider time) : IRoutingNotifier, IDisposable
{
    private readonly ConcurrentDictionary<string, QueuePositionDto> lastPositions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> toldNobody = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim recordGate = new(1, 1);
    private DateTimeOffset lastStamp;

    public async Task OfferCreatedAsync(RoutingTask task, string agentId, DateTimeOffset deadline)
    {
        var conversation = await conversations.GetAsync(task.ConversationId);
        if (conversation is null)
        {
            return;
        }

        await staff.Clients.User(agentId).OfferReceived(new OfferDto(
            conversation.Id, conversation.TicketNumber, conversation.CustomerName, conversation.Topic, task.Level, task.Channel,
            conversation.CreatedAt, deadline));
    }

    public Task OfferExpiredAsync(RoutingTask task, string agentId) => OfferWithdrawnAsync(task.ConversationId, agentId);

    public Task OfferWithdrawnAsync(string conversationId, string agentId) =>
        staff.Clients.User(agentId).OfferWithdrawn(new ConversationRequest(conversationId));

    /// <summary>Recorded on the account first, so a restart gives the agent back the status it had (docs/routing.md).</summary>
    public async Task PresenceChangedAsync(string agentId, PresenceStatus status)
    {
        await RecordPresenceAsync(agentId);
        await staff.Clients.Group(ChatGroups.Staff).PresenceChanged(new PresenceChangedDto(agentId, status));
    }

    /// <summary>
    /// Records what the routing state holds now, not what this change set: of two changes at once the
    /// state keeps one. The reads are stamped in the order they happen (whole, strictly increasing
    /// milliseconds, as the stores keep them), and the store keeps the newest stamp, so the last read,
    /// which comes after every change, is what stays recorded.
    /// </summary>
    private async Task RecordPresenceAsync(string agentId)
    {
        PresenceStatus status;
        DateTimeOffset stamp;
        await recordGate.WaitAsync();
        try
        {
            if (await state.GetAgentAsync(agentId, time.GetUtcNow()) is not { } current)
            {
                return;
            }

            var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
            stamp = lastStamp = now > lastStamp ? now : lastStamp.AddMilliseconds(1);
            status = current.Status;
        }
        finally
        {
            recordGate.Release();
        }

        await agents.SetPresenceAsync(agentId, status.ToString(), stamp);
    }

    public void Dispose() => recordGate.Dispose();

    // The router's moves are resolved when needed, not injected: they go through RoutingGateway,
    // which tells agents of withdrawn offers through this notifier, so injecting them would be a cycle.
    public Task TaskRetargetedAsync(RoutingTask task, int fromLevel, int toLevel) =>
        services.GetRequiredService<MoveWaitingToLevel>()
            .MoveAsync(task.ConversationId, toLevel, $"No answer at level {fromLevel} in time", CancellationToken.None);

    public async Task AgentWentOfflineAsync(string agentId, IReadOnlyList<string> conversationIds)
    {
        var requeue = services.GetRequiredService<RequeueFromLostAgent>();
        foreach (var id in conversationIds)
        {
            await requeue.RequeueAsync(id, agentId, moveCaller: true, CancellationToken.None);
        }
    }

    public async Task QueueObservedAsync(IReadOnlyList<RoutingTask> queue, IReadOnlyList<AgentPresence> agents)
    {
        var waiting = new HashSet<string>(queue.Select(t => t.ConversationId), StringComparer.Ordinal);
        foreach (var gone in lastPositions.Keys.Where(id => !waiting.Contains(id)))
        {
            lastPositions.TryRemove(gone, out _);
            toldNobody.TryRemove(gone, out _);
        }

        var availability = RoutingAvailability.Of(options.Value, agents, time.GetUtcNow());
        foreach (var level in queue.GroupBy(t => t.Level))
        {
            var slots = agents
                .Where(a => a.Status == PresenceStatus.Available && a.LiveConnections > 0 && a.Levels.Contains(level.Key))
                .Sum(a => a.ChatCapacity);
            var position = 0;
            foreach (var task in level)
            {
                position++;
                int? estimate = slots == 0 ? null : (int)Math.Ceiling((double)position / slots * options.Value.AverageHandleTime.TotalSeconds);
                var dto = new QueuePositionDto(task.ConversationId, task.Level, position, estimate);
                if (!lastPositions.TryGetValue(task.ConversationId, out var last) || last != dto)
                {
                    lastPositions[task.ConversationId] = dto;
                    await TellCustomerAsync(task.ConversationId, c => c.QueuePositionChanged(dto));
                }

                if (!availability.CanAnswer && toldNobody.TryAdd(task.ConversationId, true))
                {
                    await TellCustomerAsync(task.ConversationId, c => c.AgentsUnavailable(new AgentsUnavailableDto(task.ConversationId, availability.Reason!)));
                }
                else if (availability.CanAnswer)
                {
                    toldNobody.TryRemove(task.ConversationId, out _);
                }
            }
        }
    }

    private async Task TellCustomerAsync(string conversationId, Func<ICustomerClient, Task> send)
    {
        var conversation = await conversations.GetAsync(conversationId);
        if (conversation is not null)
        {
            await send(customers.Clients.User(conversation.CustomerId));
        }
    }
}

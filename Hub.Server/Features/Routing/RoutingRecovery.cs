using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Routing;

/// <summary>
/// The routing state holds only what the document store can rebuild. At start-up, and whenever the
/// state turns out to have lost its data while the node runs (a Redis restarted without persistence,
/// or flushed), waiting conversations are queued again, held ones count against their agents'
/// capacity again, and agents come back with the status they last had, as if their last connection
/// had just dropped: the grace period decides. Safe on every node at once: queueing, registering and
/// assigning are idempotent.
/// </summary>
internal sealed partial class RoutingRecovery(
    IRoutingState state,
    IConversationStore conversations,
    IAgentStore agents,
    RoutingGateway queue,
    RoutingTrigger trigger,
    IOptions<RoutingOptions> options,
    TimeProvider time,
    ILogger<RoutingRecovery> logger) : BackgroundService
{
    private const int Limit = 100_000;

    /// <summary>
    /// Start-up waits for the first rebuild, so a node answers with its state in place. With Redis down
    /// the node starts anyway (as its Redis connection does); the mark is missing, so the check rebuilds later.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RebuildAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStartRebuildFailed(e);
        }

        await base.StartAsync(cancellationToken);
    }

    /// <summary>Checks every sweep interval whether the state still holds the mark of the last rebuild.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        var failing = false;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (!await state.IsRebuiltAsync())
                    {
                        LogStateLost();
                        await RebuildAsync(stoppingToken);
                        trigger.Kick();
                    }

                    failing = false;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Redis is down: the router's passes fail and say so; one line per outage is enough here.
                    if (!failing)
                    {
                        LogCheckFailed(e);
                    }

                    failing = true;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Held conversations first: while nodes run, a waiting one queued before them could be offered to
    /// an agent whose held conversations do not count yet, leaving no room to count them.
    /// </summary>
    private async Task RebuildAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var known = new Dictionary<string, Agent?>(StringComparer.Ordinal);
        var restored = 0;
        foreach (var agent in await agents.ListAsync(ct))
        {
            known[agent.Id] = agent;
            if (!agent.Disabled && RecordedPresence.Of(agent) != PresenceStatus.Offline)
            {
                await queue.EnsureAgentAsync(agent);
                restored++;
            }
        }

        var held = await conversations.ListByStatusAsync(ConversationStatus.Active, Limit, ct);
        foreach (var listed in held)
        {
            var agentId = listed.AssignedAgentId!;
            if (!known.TryGetValue(agentId, out var agent))
            {
                agent = await agents.GetAsync(agentId, ct);
                known[agentId] = agent;
            }

            // Read again: while nodes run, the conversation may have been closed since the list was read.
            if (agent is not null
                && await conversations.GetAsync(listed.Id, ct) is { Status: ConversationStatus.Active } conversation
                && conversation.AssignedAgentId == agentId)
            {
                await queue.EnsureAgentAsync(agent);
                await queue.TryAssignAsync(conversation, agentId);
            }
        }

        var waiting = await conversations.ListByStatusAsync(ConversationStatus.Waiting, Limit, ct);
        foreach (var listed in waiting)
        {
            // Read again: the conversation may have been taken since the list was read.
            if (await conversations.GetAsync(listed.Id, ct) is { Status: ConversationStatus.Waiting } conversation)
            {
                await queue.EnqueueAsync(conversation, explicitLevel: conversation.Level != 1);
            }
        }

        // Marked last: a node that dies half-way leaves the mark missing, and the next check on any node rebuilds.
        await state.MarkRebuiltAsync(now);
        LogRecovered(waiting.Count, held.Count, restored);
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Routing state rebuilt: {Waiting} waiting and {Held} held conversations, {Agents} agents back with their last status")]
    private partial void LogRecovered(int waiting, int held, int agents);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "The routing state lost its data (Redis restarted or flushed); rebuilding it from the document store")]
    private partial void LogStateLost();

    [LoggerMessage(EventId = 2304, Level = LogLevel.Warning, Message = "Could not rebuild the routing state at start-up; retrying every sweep interval")]
    private partial void LogStartRebuildFailed(Exception exception);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "Could not check the routing state; retrying every sweep interval")]
    private partial void LogCheckFailed(Exception exception);
}

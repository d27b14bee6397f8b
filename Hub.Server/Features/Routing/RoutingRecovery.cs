using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Routing;

/// <summary>
/// The routing state holds only what the document store can rebuild. At start-up (after a restart
/// of the embedded mode, or a Redis loss) waiting conversations are queued again and held ones count
/// against their agents' capacity again; an agent that does not come back within the grace period
/// hands them on. Safe on every node: queueing and assigning are idempotent.
/// </summary>
internal sealed partial class RoutingRecovery(
    IConversationStore conversations, IAgentStore agents, RoutingGateway queue, ILogger<RoutingRecovery> logger) : IHostedService
{
    private const int Limit = 100_000;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var waiting = await conversations.ListByStatusAsync(ConversationStatus.Waiting, Limit, cancellationToken);
        foreach (var conversation in waiting)
        {
            await queue.EnqueueAsync(conversation, explicitLevel: conversation.Level != 1);
        }

        var held = await conversations.ListByStatusAsync(ConversationStatus.Active, Limit, cancellationToken);
        var known = new Dictionary<string, Agent?>(StringComparer.Ordinal);
        foreach (var conversation in held)
        {
            var agentId = conversation.AssignedAgentId!;
            if (!known.TryGetValue(agentId, out var agent))
            {
                agent = await agents.GetAsync(agentId, cancellationToken);
                known[agentId] = agent;
                if (agent is not null)
                {
                    await queue.EnsureAgentAsync(agent);
                }
            }

            if (agent is not null)
            {
                await queue.TryAssignAsync(conversation, agentId);
            }
        }

        LogRecovered(waiting.Count, held.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Routing state rebuilt: {Waiting} waiting and {Held} held conversations")]
    private partial void LogRecovered(int waiting, int held);
}

using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportHub.Server.Features.Agents;

namespace SupportHub.Server.Infrastructure.Redis;

/// <summary>
/// Several nodes: this node's listeners are called at once, then the agent id is published on
/// <see cref="RedisKeys.SessionsEnded"/>, where <see cref="RedisSessionsEndedSubscriber"/> on every other node
/// hears it. Messages carry the sending node's id, so a node does not act twice on its own.
/// </summary>
internal sealed class RedisSessionsEndedSignal(
    IConnectionMultiplexer redis, IOptions<RedisOptions> options, IEnumerable<ISessionsEndedListener> listeners) : ISessionsEndedSignal
{
    /// <summary>This node's id among the nodes (per host, not per process: tests run several hosts in one).</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    public async Task PublishAsync(string agentId, CancellationToken ct = default)
    {
        foreach (var listener in listeners)
        {
            listener.SessionsEnded(agentId);
        }

        await redis.GetSubscriber().PublishAsync(new RedisKeys(options.Value.KeyPrefix).SessionsEnded, NodeId + "|" + agentId);
    }
}

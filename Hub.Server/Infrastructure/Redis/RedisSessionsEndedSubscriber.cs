using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportHub.Server.Features.Agents;

namespace SupportHub.Server.Infrastructure.Redis;

/// <summary>Hears the other nodes' <see cref="RedisSessionsEndedSignal"/> and closes this node's connections of that agent.</summary>
internal sealed class RedisSessionsEndedSubscriber(
    IConnectionMultiplexer redis, IOptions<RedisOptions> options, IEnumerable<ISessionsEndedListener> listeners) : IHostedService
{
    private RedisChannel Channel => new RedisKeys(options.Value.KeyPrefix).SessionsEnded;

    public Task StartAsync(CancellationToken cancellationToken) =>
        redis.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
        {
            var text = (string?)message ?? string.Empty;
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar < 0 || text[..bar] == RedisSessionsEndedSignal.NodeId)
            {
                return;
            }

            foreach (var listener in listeners)
            {
                listener.SessionsEnded(text[(bar + 1)..]);
            }
        });

    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(Channel);
}

using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportHub.Server.Features.Agents;

namespace SupportHub.Server.Infrastructure.Redis;

/// <summary>
/// Hears the other nodes' <see cref="RedisSessionsEndedSignal"/> and closes this node's connections of
/// that agent. Subscribes in the background until Redis answers, so a node can start while Redis is
/// down; once subscribed, the client subscribes again by itself after a reconnect.
/// </summary>
internal sealed partial class RedisSessionsEndedSubscriber(
    IConnectionMultiplexer redis,
    IOptions<RedisOptions> options,
    RedisSessionsEndedSignal signal,
    IEnumerable<ISessionsEndedListener> listeners,
    TimeProvider time,
    ILogger<RedisSessionsEndedSubscriber> logger) : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    private RedisChannel Channel => new RedisKeys(options.Value.KeyPrefix).SessionsEnded;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Heard(message));
                return;
            }
            catch (RedisException e)
            {
                LogSubscribeFailed(e.Message);
                await Task.Delay(Retry, time, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await redis.GetSubscriber().UnsubscribeAsync(Channel);
        }
        catch (RedisException)
        {
            // Going away anyway.
        }
    }

    private void Heard(RedisValue message)
    {
        var text = (string?)message ?? string.Empty;
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0 || text[..bar] == signal.NodeId)
        {
            return;
        }

        foreach (var listener in listeners)
        {
            listener.SessionsEnded(text[(bar + 1)..]);
        }
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Cannot subscribe to the sessions-ended channel yet ({Reason}); retrying")]
    private partial void LogSubscribeFailed(string reason);
}

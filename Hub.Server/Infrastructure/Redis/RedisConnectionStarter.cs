using StackExchange.Redis;

namespace SupportHub.Server.Infrastructure.Redis;

/// <summary>
/// Connects to Redis while the host starts. Connecting lazily would make the first burst of
/// requests pile up behind the singleton's synchronous connect, each holding a thread-pool thread
/// that the connect itself needs: on a small machine that stalls every Redis call for seconds.
/// </summary>
internal sealed class RedisConnectionStarter(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IConnectionMultiplexer>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

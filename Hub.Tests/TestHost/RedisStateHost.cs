using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Infrastructure.Redis;

namespace SupportHub.Tests.TestHost;

/// <summary>
/// One hub node's Redis services exactly as the server composes them (<c>AddRedis</c>), on the
/// shared test Redis, under a key prefix of its own unless a test shares one between nodes. Each
/// node has its own connection. The first node of a prefix deletes its keys when disposed.
/// </summary>
public sealed class RedisStateHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly bool ownsPrefix;

    private RedisStateHost(IHost host, string prefix, bool ownsPrefix)
    {
        this.host = host;
        this.ownsPrefix = ownsPrefix;
        Prefix = prefix;
    }

    public string Prefix { get; }

    public IServiceProvider Services => host.Services;

    public IRoutingState State => host.Services.GetRequiredService<IRoutingState>();

    public IConnectionMultiplexer Redis => host.Services.GetRequiredService<IConnectionMultiplexer>();

    /// <param name="prefix">Another node's <see cref="Prefix"/> to share its state; a new one when null.</param>
    public static async Task<RedisStateHost> StartAsync(string? prefix = null)
    {
        var server = await RedisServer.SharedAsync();
        var owns = prefix is null;
        prefix ??= $"test:{Guid.NewGuid():N}:";
        var host = Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = server.ConnectionString,
            ["Hub:Redis:KeyPrefix"] = prefix,
        });
        await host.StartAsync();
        return new RedisStateHost(host, prefix, owns);
    }

    public static IHost Build(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddRedis();
        return builder.Build();
    }

    /// <summary>Every key under this node's prefix.</summary>
    public async Task<IReadOnlyList<RedisKey>> KeysAsync()
    {
        var redis = Redis;
        var keys = new List<RedisKey>();
        await foreach (var key in redis.GetServer(redis.GetEndPoints()[0]).KeysAsync(pattern: Prefix + "*"))
        {
            keys.Add(key);
        }

        return keys;
    }

    public async ValueTask DisposeAsync()
    {
        if (ownsPrefix)
        {
            var keys = await KeysAsync();
            if (keys.Count > 0)
            {
                await Redis.GetDatabase().KeyDeleteAsync([.. keys]);
            }
        }

        await host.StopAsync();
        host.Dispose();
    }
}

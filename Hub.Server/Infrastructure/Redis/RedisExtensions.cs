using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportHub.Server.Features.Routing;
using SignalRRedisOptions = Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions;

namespace SupportHub.Server.Infrastructure.Redis;

public static class RedisExtensions
{
    /// <summary>
    /// The distributed mode's ephemeral state: routing state on Redis and the SignalR backplane, both
    /// under <c>Hub:Redis:KeyPrefix</c>. Call it when <c>ConnectionStrings:Redis</c> is set; start-up
    /// fails validation when it is not. Registers <see cref="IRoutingState"/> and the lock, so call it after
    /// any in-process registration of those ports (the last registration wins).
    /// </summary>
    public static IHostApplicationBuilder AddRedis(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedisOptions>()
            .BindConfiguration(RedisOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString = configuration.GetConnectionString(RedisOptions.ConnectionStringName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<IConnectionMultiplexer>(services =>
            ConnectionMultiplexer.Connect(Configuration(services.GetRequiredService<IOptions<RedisOptions>>().Value)));
        builder.Services.AddHostedService<RedisConnectionStarter>();
        builder.Services.AddSingleton<IRoutingState, RedisRoutingState>();
        builder.Services.AddSingleton<Locks.IDistributedLock, RedisLock>();
        builder.Services.AddSingleton<RedisSessionsEndedSignal>();
        builder.Services.AddSingleton<Features.Agents.ISessionsEndedSignal>(services => services.GetRequiredService<RedisSessionsEndedSignal>());
        builder.Services.AddHostedService<RedisSessionsEndedSubscriber>();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // The backplane gets its own connection (its lifetime manager disposes it), configured from
        // the same validated options rather than read from configuration at registration time.
        builder.Services.AddSignalR().AddStackExchangeRedis();
        builder.Services.AddOptions<SignalRRedisOptions>().Configure<IOptions<RedisOptions>>((signalR, redis) =>
        {
            signalR.Configuration = Configuration(redis.Value);
            signalR.Configuration.ChannelPrefix = RedisChannel.Literal(redis.Value.KeyPrefix + "signalr");
        });
        return builder;
    }

    /// <summary>Keeps retrying in the background instead of failing start-up while Redis is down.</summary>
    private static ConfigurationOptions Configuration(RedisOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.ConnectionString!);
        configuration.AbortOnConnectFail = false;
        return configuration;
    }
}

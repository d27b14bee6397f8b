using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Infrastructure.Redis;
using SupportHub.Tests.TestHost;
using SignalRRedisOptions = Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions;

namespace SupportHub.Tests.Routing;

public sealed class RedisExtensionsTests
{
    [Fact]
    public async Task AddRedis_PutsTheRoutingStateOnRedis_AndTheBackplaneUnderTheKeyPrefix()
    {
        await using var node = await RedisStateHost.StartAsync();
        var server = await RedisServer.SharedAsync();

        Assert.IsType<RedisRoutingState>(node.State);
        var backplane = node.Services.GetRequiredService<IOptions<SignalRRedisOptions>>().Value.Configuration;
        Assert.Equal(RedisChannel.Literal(node.Prefix + "signalr"), backplane.ChannelPrefix);
        Assert.False(backplane.AbortOnConnectFail);
        Assert.Equal(server.ConnectionString, Assert.Single(backplane.EndPoints).ToString());
        Assert.True(node.Redis.IsConnected);
    }

    [Fact]
    public async Task AddRedis_WithoutAConnectionString_FailsAtStartUp()
    {
        using var host = RedisStateHost.Build(new Dictionary<string, string?> { ["Hub:Redis:KeyPrefix"] = "unused:" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(nameof(RedisOptions.ConnectionString), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRedis_KeepsTheDefaultKeyPrefix_WhenNoneIsConfigured()
    {
        using var host = RedisStateHost.Build(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = "127.0.0.1:1" });

        Assert.Equal("hub:", host.Services.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix);
        Assert.Equal(
            RedisChannel.Literal("hub:signalr"),
            host.Services.GetRequiredService<IOptions<SignalRRedisOptions>>().Value.Configuration.ChannelPrefix);
    }
}

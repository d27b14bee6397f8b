using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Routing;

/// <summary>The router's contract over the Redis adapter, each test under a key prefix of its own.</summary>
public sealed class RedisRoutingEngineTests : RoutingEngineContract
{
    private RedisStateHost? node;

    protected override async Task<IRoutingState> CreateStateAsync()
    {
        node = await RedisStateHost.StartAsync();
        return node.State;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (node is not null)
        {
            await node.DisposeAsync();
        }
    }
}

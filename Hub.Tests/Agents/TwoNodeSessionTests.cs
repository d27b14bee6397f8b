using SupportHub.Server.Features.Agents;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Agents;

/// <summary>Two Hub.Server hosts on one Redis: ending an agent's sessions on one closes its connections on the other.</summary>
public sealed class TwoNodeSessionTests
{
    [Fact]
    public async Task DisablingAnAgentOnOneNode_ClosesItsConnectionOnTheOther_OverRedis()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = (await RedisServer.SharedAsync()).ConnectionString,
            ["Hub:Redis:KeyPrefix"] = $"sessions:{Guid.NewGuid():N}:",
        };
        await using var nodeA = HubServer.Start(settings: settings);
        await using var nodeB = HubServer.Start(settings: settings);
        var admin = new StaffHttp(nodeA.Http, (await nodeA.CreateAgentAsync("Root", [1], [AgentRole.Agent, AgentRole.Admin])).Token);
        // The agent exists on both nodes (in production both share one MongoDB); each host here has its
        // own LiteDB, so node B's copy stays enabled: only the signal can close the connection there.
        var ada = await nodeA.CreateAgentAsync("Ada", [1]);
        Assert.True(await nodeB.Service<IAgentStore>().TryCreateAsync((await nodeA.Service<IAgentStore>().GetAsync(ada.Agent.Id))!));
        var onB = await nodeB.ConnectAgentAsync(ada.Token);
        var closed = TeamLifecycleTests.Closed(onB.Connection);

        await admin.ReadAsync<AgentAccountDto>(await admin.PostAsync($"/api/admin/agents/{ada.Agent.Id}/disable"));

        await closed.WaitAsync(HubServer.Timeout);
        Assert.False((await nodeB.Service<IAgentStore>().GetAsync(ada.Agent.Id))!.Disabled);
    }
}

using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Routing;

/// <summary>Two Hub.Server hosts on one Redis: presence is shared and events cross hosts over the SignalR backplane.</summary>
public sealed class TwoHostTests
{
    [Fact]
    public async Task PresenceSetOnOneHost_IsSeenOnTheOther_AndItsEventsCrossTheBackplane()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = (await RedisServer.SharedAsync()).ConnectionString,
            ["Hub:Redis:KeyPrefix"] = $"two-hosts:{Guid.NewGuid():N}:",
            ["Hub:Routing:SweepInterval"] = "00:00:00.100",
        };
        await using var hostA = HubServer.Start(settings: settings);
        await using var hostB = HubServer.Start(settings: settings);
        var health = await hostB.Http.GetFromJsonAsync<Dictionary<string, string>>("/health");
        Assert.Equal("redis", health!["routingState"]);

        // The agent account exists on both hosts (in production both share one MongoDB).
        var agent = await hostA.CreateAgentAsync("Ada", [1]);
        var supervisorLogin = await CreateOnBothAsync(hostA, hostB, "Sam");
        var onA = await hostA.ConnectAgentAsync(agent.Token);
        var supervisor = await hostB.ConnectAgentAsync(supervisorLogin);

        await onA.SetPresenceAsync(PresenceStatus.Available);
        var team = await supervisor.Connection.InvokeAsync<IReadOnlyList<PresenceDto>>(nameof(AgentHub.GetTeamPresence)).WaitAsync(HubServer.Timeout);
        var seen = Assert.Single(team, p => p.AgentId == agent.Agent.Id);
        Assert.Equal((PresenceStatus.Available, 1), (seen.Status, seen.LiveConnections));

        await onA.SetPresenceAsync(PresenceStatus.Away);
        await supervisor.Presence.WaitForAsync(p => p.AgentId == agent.Agent.Id && p.Status == PresenceStatus.Away);
    }

    private static async Task<string> CreateOnBothAsync(HubServer a, HubServer b, string name)
    {
        var login = await a.CreateAgentAsync(name, [1], [AgentRole.Agent, AgentRole.Supervisor]);
        var copy = (await a.Service<IAgentStore>().GetAsync(login.Agent.Id))!;
        Assert.True(await b.Service<IAgentStore>().TryCreateAsync(copy));
        return login.Token;
    }

    [Fact]
    public async Task Health_Answers503_WhenTheRedisItRoutesOnIsGone()
    {
        await using var server = HubServer.Start(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=200", // nothing listens on port 1
        });

        var response = await server.Http.GetAsync("/health");

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Redis does not answer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

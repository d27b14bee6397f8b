using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Routing;

/// <summary>
/// Presence survives a restart of the embedded mode: an agent's status comes back when its console
/// reconnects within the grace period, and meanwhile customers are not told that nobody is there.
/// Each test restarts a real server on the same data folder.
/// </summary>
public sealed class PresenceRestartTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AgentAvailableBeforeARestart_IsOfferedTheCustomerWhoArrivedBeforeItsConsoleReconnected()
    {
        var dataPath = HubServer.NewDataPath();
        try
        {
            string token, agentId;
            await using (var first = HubServer.Start(dataPath, settings: Fast()))
            {
                var login = await first.CreateAgentAsync("Ada", [1]);
                (token, agentId) = (login.Token, login.Agent.Id);
                var agent = await first.ConnectAgentAsync(token);
                await agent.SetPresenceAsync(PresenceStatus.Available);
            }

            await using var second = HubServer.Start(dataPath, settings: Fast());

            // Before the console is back: someone can answer, and a new customer waits instead of being sent away.
            Assert.True((await AvailabilityAsync(second)).CanAnswer);
            var customer = await second.ConnectCustomerAsync((await second.CreateVisitorAsync()).Token);
            var started = await customer.StartAsync("My invoice is wrong");
            Assert.True(started.AgentsAvailable);
            await customer.Positions.WaitForAsync(p => p.ConversationId == started.ConversationId && p.Position == 1);

            // The console reconnects with the same token and does nothing else: the offer comes. Like the
            // console, it listens before it starts, since the offer can follow the connect at once.
            await using var connection = second.BuildConnection(ChatExtensions.AgentHubPath, token);
            var console = new AgentClient(connection);
            await connection.StartAsync().WaitAsync(HubServer.Timeout);
            var offer = await console.Offers.WaitForAsync(o => o.ConversationId == started.ConversationId);
            await console.AcceptAsync(offer.ConversationId);

            var presence = await second.Service<PresenceService>().GetAsync(agentId);
            Assert.Equal((PresenceStatus.Available, 1, 1), (presence.Status, presence.LiveConnections, presence.ChatLoad));
            Assert.Empty(customer.Unavailable.Snapshot());
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    [Fact]
    public async Task AgentAwayBeforeARestart_ComesBackAway()
    {
        var dataPath = HubServer.NewDataPath();
        try
        {
            string token;
            await using (var first = HubServer.Start(dataPath, settings: Fast()))
            {
                token = (await first.CreateAgentAsync("Ben", [1])).Token;
                var agent = await first.ConnectAgentAsync(token);
                await agent.SetPresenceAsync(PresenceStatus.Available);
                await agent.SetPresenceAsync(PresenceStatus.Away);
            }

            await using var second = HubServer.Start(dataPath, settings: Fast());
            var console = await second.ConnectAgentAsync(token);

            var presence = await console.Connection.InvokeAsync<PresenceDto>(nameof(AgentHub.GetPresence)).WaitAsync(HubServer.Timeout);
            Assert.Equal((PresenceStatus.Away, 1), (presence.Status, presence.LiveConnections));
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    [Fact]
    public async Task AgentWhoDoesNotReconnectWithinTheGracePeriod_GoesOffline_AndStaysOfflineAfterTheNextRestart()
    {
        var dataPath = HubServer.NewDataPath();
        var shortGrace = Fast("00:00:01");
        try
        {
            string token;
            await using (var first = HubServer.Start(dataPath, settings: shortGrace))
            {
                token = (await first.CreateAgentAsync("Cy", [1])).Token;
                var agent = await first.ConnectAgentAsync(token);
                await agent.SetPresenceAsync(PresenceStatus.Available);
            }

            await using (var second = HubServer.Start(dataPath, settings: shortGrace))
            {
                await WaitUntilAsync(async () => !(await AvailabilityAsync(second)).CanAnswer);
                Assert.Equal(RoutingAvailability.NobodyOnline, (await AvailabilityAsync(second)).Reason);

                var late = await second.ConnectAgentAsync(token);
                var presence = await late.Connection.InvokeAsync<PresenceDto>(nameof(AgentHub.GetPresence)).WaitAsync(HubServer.Timeout);
                Assert.Equal(PresenceStatus.Offline, presence.Status);
                await late.Connection.StopAsync();
            }

            // Offline was recorded: days later the agent does not come back Available by itself.
            await using var third = HubServer.Start(dataPath, settings: Fast());
            Assert.False((await AvailabilityAsync(third)).CanAnswer);
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static Dictionary<string, string?> Fast(string gracePeriod = "00:01:00") => new()
    {
        ["Hub:Routing:SweepInterval"] = "00:00:00.100",
        ["Hub:Routing:GracePeriod"] = gracePeriod,
    };

    private static async Task<Availability> AvailabilityAsync(HubServer server) =>
        (await server.Http.GetFromJsonAsync<Availability>("/api/availability", HubServer.Json))!;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Condition not met within {Bound}.");
            await Task.Delay(100);
        }
    }
}

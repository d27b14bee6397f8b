using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Routing;

/// <summary>
/// An agent accepts the offer it holds while another agent claims the same conversation at once:
/// the offered agent wins every time (docs/protocol/agent-hub.md, Claim), on one host and across two
/// hosts that share one Redis and one MongoDB-compatible store.
/// </summary>
public sealed class ClaimRaceTests
{
    private const int Rounds = 20;

    [Fact]
    public async Task AcceptRacingClaim_OnOneHost_IsWonByTheOfferedAgentEveryRound()
    {
        await using var server = HubServer.Start();

        await RaceAsync(server, server);
    }

    [SkippableFact]
    public async Task AcceptRacingClaim_AcrossTwoHostsOnOneRedisAndOneStore_IsWonByTheOfferedAgentEveryRound()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = (await RedisServer.SharedAsync()).ConnectionString,
            ["Hub:Redis:KeyPrefix"] = $"claim-race:{Guid.NewGuid():N}:",
            ["ConnectionStrings:MongoDb"] = await MongoTestServer.ConnectionStringAsync(),
            ["Hub:Mongo:Database"] = $"claim_race_{Guid.NewGuid():N}",
            ["Hub:Routing:SweepInterval"] = "00:00:00.100",
        };
        await using var hostA = HubServer.Start(settings: settings);
        await using var hostB = HubServer.Start(settings: settings);

        await RaceAsync(hostA, hostB);
    }

    /// <summary>The offered agent is connected to <paramref name="offeredHost"/>, the claimer to <paramref name="claimerHost"/>.</summary>
    private static async Task RaceAsync(HubServer offeredHost, HubServer claimerHost)
    {
        var ada = await offeredHost.CreateAgentAsync("Ada", capacity: 3);
        var ben = await offeredHost.CreateAgentAsync("Ben", capacity: 3);
        var offered = await offeredHost.ConnectAgentAsync(ada.Token);
        var claimer = await claimerHost.ConnectAgentAsync(ben.Token);
        await offered.SetPresenceAsync(PresenceStatus.Available); // Ben stays Offline: a claim works whatever the status
        var store = offeredHost.Service<IConversationStore>();
        var states = new[] { offeredHost.Service<IRoutingState>(), claimerHost.Service<IRoutingState>() };

        for (var round = 0; round < Rounds; round++)
        {
            var customer = await offeredHost.ConnectCustomerAsync((await offeredHost.CreateVisitorAsync()).Token);
            var id = (await customer.StartAsync($"Round {round}")).ConversationId;
            await offered.Offers.WaitForAsync(o => o.ConversationId == id);

            var accept = Outcome(Task.Run(() => offered.AcceptAsync(id)));
            var claim = Outcome(Task.Run(() => claimer.ClaimAsync(id)));
            var (accepted, claimed) = (await accept, await claim);

            var stored = (await store.GetAsync(id))!;
            Assert.True(accepted is null, $"round {round}: the offered agent's accept failed: {accepted}; claim: {claimed ?? "won"}; stored {stored.Status} with {stored.AssignedAgentId}");
            Assert.StartsWith("conflict: ", claimed ?? $"round {round}: the claim won over a live offer", StringComparison.Ordinal);
            Assert.Equal((ConversationStatus.Active, ada.Agent.Id), (stored.Status, stored.AssignedAgentId));
            foreach (var state in states)
            {
                Assert.Null(await state.GetTaskAsync(id));
                Assert.Contains(id, await state.GetLoadAsync(ada.Agent.Id));
                Assert.Empty(await state.GetLoadAsync(ben.Agent.Id));
            }

            await offered.ResolveAsync(id, "Done.");
        }

        var presence = await offered.Connection.InvokeAsync<PresenceDto>(nameof(AgentHub.GetPresence)).WaitAsync(HubServer.Timeout);
        Assert.Equal(0, presence.ChatLoad);
    }

    /// <summary>Null when the call succeeded, else the protocol error ("code: detail").</summary>
    private static async Task<string?> Outcome(Task call)
    {
        try
        {
            await call;
            return null;
        }
        catch (HubException e)
        {
            return HubError.Of(e);
        }
    }
}

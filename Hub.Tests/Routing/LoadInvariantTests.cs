using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;
using Xunit.Abstractions;

namespace SupportHub.Tests.Routing;

/// <summary>
/// "Load = conversations held + open offers" for every agent after rounds of racing hand-offs (with the
/// reconciliation out of the way, so the hand-offs themselves must keep it), the store and the queue
/// agreeing on which conversations wait; and a leak put into the routing state by hand is repaired by
/// the load reconciliation (docs/routing.md).
/// </summary>
public sealed class LoadInvariantTests(ITestOutputHelper output)
{
    private const int Rounds = 20;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    private static readonly Dictionary<string, string?> RaceSettings = new()
    {
        ["Hub:Routing:OfferTimeout"] = "00:10:00", // nothing expires while the rounds run
        ["Hub:Routing:StickyTimeout"] = "00:10:00", // a transferred chat waits for Ben, who stays Busy
        ["Hub:Routing:LoadReconcileInterval"] = "01:00:00", // the hand-offs themselves must keep the load right
        ["Hub:Limits:VisitorsPerAddress:PermitLimit"] = "1000", // every round's customers come from 127.0.0.1
    };

    [Fact]
    public async Task RacingHandOffs_LeaveEveryAgentsLoadEqualToWhatItHoldsPlusItsOpenOffers_WithoutReconciliation()
    {
        await using var server = HubServer.Start(settings: RaceSettings);

        await RaceAsync(server, server);
    }

    [SkippableFact]
    public async Task RacingHandOffs_AcrossTwoHostsOnOneRedisAndOneStore_LeaveEveryAgentsLoadEqualToWhatItHolds()
    {
        var settings = new Dictionary<string, string?>(RaceSettings)
        {
            ["ConnectionStrings:Redis"] = (await RedisServer.SharedAsync()).ConnectionString,
            ["Hub:Redis:KeyPrefix"] = $"load-race:{Guid.NewGuid():N}:",
            ["ConnectionStrings:MongoDb"] = await MongoTestServer.ConnectionStringAsync(),
            ["Hub:Mongo:Database"] = $"load_race_{Guid.NewGuid():N}",
            ["Hub:Routing:SweepInterval"] = "00:00:00.100",
        };
        await using var hostA = HubServer.Start(settings: settings);
        await using var hostB = HubServer.Start(settings: settings);

        await RaceAsync(hostA, hostB);
    }

    /// <summary>Customers and Ada on <paramref name="server"/>; Ben and the supervisor Sam on <paramref name="otherHost"/>.</summary>
    private async Task RaceAsync(HubServer server, HubServer otherHost)
    {
        var adaLogin = await server.CreateAgentAsync("Ada", capacity: 100);
        var benLogin = await server.CreateAgentAsync("Ben", capacity: 100);
        var samLogin = await server.CreateAgentAsync("Sam", roles: [AgentRole.Agent, AgentRole.Supervisor], capacity: 100);
        var ada = await server.ConnectAgentAsync(adaLogin.Token);
        var ben = await otherHost.ConnectAgentAsync(benLogin.Token);
        var sam = await otherHost.ConnectAgentAsync(samLogin.Token);
        await ben.SetPresenceAsync(PresenceStatus.Busy);
        await sam.SetPresenceAsync(PresenceStatus.Busy);
        await ada.SetPresenceAsync(PresenceStatus.Available); // every offer goes to Ada
        var ids = new List<string>();

        for (var round = 0; round < Rounds; round++)
        {
            // Accept against claim: Ada holds the offer, Ben claims.
            var (first, firstCustomer) = await OfferedToAdaAsync($"Round {round}: claim");
            await Both(() => ada.AcceptAsync(first), () => ben.ClaimAsync(first));

            // Leave a message against accept.
            var (second, secondCustomer) = await OfferedToAdaAsync($"Round {round}: message");
            await Both(
                () => ada.AcceptAsync(second),
                () => secondCustomer.Connection.InvokeAsync<LeaveMessageResult>(
                    nameof(CustomerHub.LeaveMessage), new LeaveMessageRequest(second, Guid.NewGuid().ToString("N"), "Call me", null)).WaitAsync(HubServer.Timeout));

            // The customer ends while Ada transfers to Ben (the first chat, whoever won it).
            await Both(
                () => firstCustomer.Connection.InvokeAsync(nameof(CustomerHub.End), new ConversationRequest(first)).WaitAsync(HubServer.Timeout),
                () => ada.Connection.InvokeAsync(nameof(AgentHub.Transfer), new TransferRequest(first, benLogin.Agent.Id, "Yours.")).WaitAsync(HubServer.Timeout));

            // A supervisor reassigns to Ben while Ada accepts.
            var (third, _) = await OfferedToAdaAsync($"Round {round}: reassign");
            await Both(
                () => ada.AcceptAsync(third),
                () => sam.Connection.InvokeAsync(nameof(AgentHub.Reassign), new ReassignRequest(third, benLogin.Agent.Id)).WaitAsync(HubServer.Timeout));

            // Ada resolves while the customer ends (the second chat, if Ada has it).
            await Both(
                () => ada.ResolveAsync(second, "Done."),
                () => secondCustomer.Connection.InvokeAsync(nameof(CustomerHub.End), new ConversationRequest(second)).WaitAsync(HubServer.Timeout));
            ids.AddRange([first, second, third]);
            output.WriteLine($"Round {round}: claim {first}, message {second}, reassign {third}");
        }

        await ada.SetPresenceAsync(PresenceStatus.Busy); // no new offers; open ones stay open
        var state = server.Service<IRoutingState>();
        var store = server.Service<IConversationStore>();
        var agents = new[] { (adaLogin.Agent.Id, ada), (benLogin.Agent.Id, ben), (samLogin.Agent.Id, sam) };

        var mismatch = await WaitForNoneAsync(async () =>
        {
            var team = await sam.Connection.InvokeAsync<IReadOnlyList<PresenceDto>>(nameof(AgentHub.GetTeamPresence)).WaitAsync(HubServer.Timeout);
            var tasks = await state.GetTasksAsync();
            var problems = new List<string>();
            foreach (var (agentId, client) in agents)
            {
                var held = await client.Connection.InvokeAsync<IReadOnlyList<ConversationDto>>(nameof(AgentHub.GetMyConversations)).WaitAsync(HubServer.Timeout);
                var offered = tasks.Where(t => t.OfferedTo == agentId).Select(t => t.ConversationId).ToList();
                var expected = held.Select(c => c.Id).Concat(offered).Order(StringComparer.Ordinal).ToList();
                var load = (await state.GetLoadAsync(agentId)).Order(StringComparer.Ordinal).ToList();
                var shown = team.Single(p => p.AgentId == agentId).ChatLoad;
                if (shown != held.Count + offered.Count || !load.SequenceEqual(expected))
                {
                    problems.Add($"{agentId}: load {shown} [{string.Join(", ", load)}], holds {held.Count} + offered {offered.Count} [{string.Join(", ", expected)}]");
                }
            }

            foreach (var id in ids)
            {
                var stored = (await store.GetAsync(id))!;
                var queued = tasks.Any(t => t.ConversationId == id);
                if (queued != stored.IsWaiting)
                {
                    problems.Add($"{id}: {stored.Status} in the store, {(queued ? "queued" : "not queued")} for routing");
                }
            }

            return problems;
        });

        Assert.True(mismatch.Count == 0, string.Join(Environment.NewLine, mismatch));

        async Task<(string Id, CustomerClient Customer)> OfferedToAdaAsync(string text)
        {
            var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
            var id = (await customer.StartAsync(text)).ConversationId;
            await ada.Offers.WaitForAsync(o => o.ConversationId == id);
            return (id, customer);
        }
    }

    [Fact]
    public async Task ALeakPutIntoTheRoutingState_IsRepaired_AndTheAgentGetsOffersAgain()
    {
        await using var server = HubServer.Start(settings: new Dictionary<string, string?>
        {
            ["Hub:Routing:LoadReconcileInterval"] = "00:00:00.250",
        });
        var login = await server.CreateAgentAsync("Ada", capacity: 1);
        var ada = await server.ConnectAgentAsync(login.Token);
        await ada.SetPresenceAsync(PresenceStatus.Available);
        var state = server.Service<IRoutingState>();
        var reconciler = server.Service<LoadReconciler>();

        // A closed conversation left in Ada's load takes her only slot: the next customer is not offered to her.
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var closed = (await customer.StartAsync("First")).ConversationId;
        await ada.Offers.WaitForAsync(o => o.ConversationId == closed);
        await ada.AcceptAsync(closed);
        await ada.ResolveAsync(closed, "Done.");
        var repairsBefore = reconciler.Repairs;
        Assert.True(await state.TryAssignAsync(closed, Channel.Chat, login.Agent.Id, TimeProvider.System.GetUtcNow()));
        Assert.Equal(1, (await GetPresenceAsync(ada)).ChatLoad);

        var waiting = (await customer.StartAsync("Second")).ConversationId;
        await ada.Offers.WaitForAsync(o => o.ConversationId == waiting); // once the slot is free again
        Assert.DoesNotContain(closed, await state.GetLoadAsync(login.Agent.Id));
        Assert.True(reconciler.Repairs > repairsBefore);

        // The other way round: a conversation Ada holds, missing from her load, counts again.
        await ada.AcceptAsync(waiting);
        await state.ReleaseAssignmentAsync(waiting, Channel.Chat, login.Agent.Id, TimeProvider.System.GetUtcNow());
        Assert.Equal(0, (await GetPresenceAsync(ada)).ChatLoad);
        var restored = await WaitForNoneAsync(async () =>
            (await GetPresenceAsync(ada)).ChatLoad == 1 ? [] : ["Ada's load does not count the conversation she holds"]);
        Assert.Empty(restored);
        Assert.Equal([waiting], await state.GetLoadAsync(login.Agent.Id));
    }

    private static Task<PresenceDto> GetPresenceAsync(AgentClient agent) =>
        agent.Connection.InvokeAsync<PresenceDto>(nameof(AgentHub.GetPresence)).WaitAsync(HubServer.Timeout);

    /// <summary>Runs both calls at once; each may be refused (a protocol error), neither may fail otherwise.</summary>
    private static async Task Both(Func<Task> first, Func<Task> second)
    {
        var calls = new[] { Task.Run(first), Task.Run(second) };
        foreach (var call in calls)
        {
            try
            {
                await call;
            }
            catch (HubException e)
            {
                Assert.Matches("^(conflict|conversation_closed|forbidden): ", HubError.Of(e));
            }
        }
    }

    /// <summary>Checks until the check finds no problem, for at most <see cref="Settle"/>; returns the last problems found.</summary>
    private static async Task<IReadOnlyList<string>> WaitForNoneAsync(Func<Task<IReadOnlyList<string>>> check)
    {
        var until = DateTime.UtcNow + Settle;
        while (true)
        {
            var problems = await check();
            if (problems.Count == 0 || DateTime.UtcNow > until)
            {
                return problems;
            }

            await Task.Delay(100);
        }
    }
}

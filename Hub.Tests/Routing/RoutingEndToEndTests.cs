using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;
using SupportHub.Tests.Chat;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Routing;

/// <summary>
/// The router through the real server: consoles and customers as SignalR clients over WebSockets.
/// Runs with the in-process routing state and again with the Redis one.
/// </summary>
public abstract class RoutingEndToEndTests
{
    private static readonly Dictionary<string, string?> FastRoutingSettings = new()
    {
        ["Hub:Routing:SweepInterval"] = "00:00:00.100",
        ["Hub:Routing:GracePeriod"] = "00:00:01.500",
        ["Hub:Routing:OfferTimeout"] = "00:00:05",
        ["Hub:Routing:Topics:billing"] = "billing",
    };

    /// <summary>Extra settings of the mode under test (such as the Redis connection).</summary>
    protected abstract Task<IReadOnlyDictionary<string, string?>> ModeSettingsAsync();

    private Dictionary<string, string?> FastRouting => ModeSettingsAsync().GetAwaiter().GetResult()
        .Concat(FastRoutingSettings).ToDictionary(kv => kv.Key, kv => kv.Value);

    [Fact]
    public async Task AnAvailableAgent_IsOfferedTheChat_AcceptsIt_AndTheyTalk()
    {
        await using var server = HubServer.Start(settings: FastRouting);
        var agent = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada", [1])).Token);
        await agent.SetPresenceAsync(PresenceStatus.Available);
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);

        var started = await customer.StartAsync("My invoice is wrong");
        Assert.True(started.AgentsAvailable);
        var offer = await agent.Offers.WaitForAsync(o => o.ConversationId == started.ConversationId);
        Assert.Equal((1, "Carla Customer", "billing"), (offer.Level, offer.CustomerName, offer.Topic));
        Assert.True(offer.Deadline > DateTimeOffset.UtcNow);
        var accepted = await agent.AcceptAsync(started.ConversationId);

        Assert.Equal(ConversationStatus.Active, accepted.Conversation.Status);
        await customer.Changes.WaitForAsync(c => c.AssignedAgentName == "Ada");
        var reply = await agent.SendAsync(started.ConversationId, "Hello!");
        await customer.Messages.WaitForAsync(m => m.Seq == reply.Seq);
        var error = await Assert.ThrowsAsync<HubException>(() => agent.AcceptAsync(started.ConversationId));
        Assert.StartsWith("conflict:", HubError.Of(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeclinedOffer_GoesToTheNextAgent()
    {
        await using var server = HubServer.Start(settings: FastRouting);
        var first = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada", [1])).Token);
        await first.SetPresenceAsync(PresenceStatus.Available);
        await Task.Delay(20);
        var second = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ben", [1])).Token);
        await second.SetPresenceAsync(PresenceStatus.Available);
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);

        var id = (await customer.StartAsync("Help")).ConversationId;
        await first.Offers.WaitForAsync(o => o.ConversationId == id);
        await first.DeclineAsync(id);

        await second.Offers.WaitForAsync(o => o.ConversationId == id);
        await second.AcceptAsync(id);
    }

    [Fact]
    public async Task ChatEscalatedFromFirstToThirdLevel_ReachesAThirdLevelAgent_WithTranscriptAndHandoffNote()
    {
        await using var server = HubServer.Start(settings: FastRouting);
        var first = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada", [1])).Token);
        var third = await server.ConnectAgentAsync((await server.CreateAgentAsync("Cleo", [3])).Token);
        await first.SetPresenceAsync(PresenceStatus.Available);
        await third.SetPresenceAsync(PresenceStatus.Available);
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var id = (await customer.StartAsync("The export crashes")).ConversationId;
        await first.Offers.WaitForAsync(o => o.ConversationId == id);
        Assert.DoesNotContain(third.Offers.Snapshot(), o => o.ConversationId == id); // level 1 first
        await first.AcceptAsync(id);
        await first.SendAsync(id, "Which version are you on?");
        await customer.SendAsync(id, "3.2.1");

        await first.EscalateAsync(id, 3, "database corruption suspected", "Export fails on 3.2.1 for invoices with umlauts; reproduced twice.");

        var offer = await third.Offers.WaitForAsync(o => o.ConversationId == id);
        Assert.Equal(3, offer.Level);
        var handed = await third.AcceptAsync(id);
        var texts = handed.Messages.Select(m => m.Text).ToList();
        Assert.Contains("The export crashes", texts);
        Assert.Contains("3.2.1", texts);
        var note = Assert.Single(handed.Messages, m => m.Kind == MessageKind.PrivateNote);
        Assert.Contains("Export fails on 3.2.1 for invoices with umlauts", note.Text, StringComparison.Ordinal);
        await customer.Messages.WaitForAsync(m => m.Kind == MessageKind.System && m.Text.Contains("level 3", StringComparison.Ordinal));
        Assert.DoesNotContain(customer.Messages.Snapshot(), m => m.Kind == MessageKind.PrivateNote);

        var conversation = (await server.Service<IConversationStore>().GetAsync(id))!;
        var ticket = (await server.Service<ITicketStore>().GetAsync(conversation.TicketId))!;
        Assert.Equal([1, 3], ticket.LevelHistory.Select(h => h.Level));
        Assert.Equal(("database corruption suspected", TicketStatus.Escalated, 3), (ticket.LevelHistory[1].Reason, ticket.Status, ticket.Level));
        Assert.Equal(3, conversation.Level);
        var stale = await Assert.ThrowsAsync<HubException>(() => first.SendAsync(id, "still here?"));
        Assert.StartsWith("forbidden:", HubError.Of(stale), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EscalationWithoutAHandoffNote_IsRefused_AndChangesNothing()
    {
        await using var server = HubServer.Start(settings: FastRouting);
        var (_, agent, id) = await ChatFlowTests.StartClaimedAsync(server);

        var error = await Assert.ThrowsAsync<HubException>(() => agent.EscalateAsync(id, 3, "hard case", " "));
        var badLevel = await Assert.ThrowsAsync<HubException>(() => agent.EscalateAsync(id, 7, "hard case", "note"));

        Assert.StartsWith("validation_failed: A hand-off note is required", HubError.Of(error), StringComparison.Ordinal);
        Assert.StartsWith("validation_failed: Level must be between 1 and 3", HubError.Of(badLevel), StringComparison.Ordinal);
        var conversation = (await server.Service<IConversationStore>().GetAsync(id))!;
        Assert.Equal((ConversationStatus.Active, 1), (conversation.Status, conversation.Level));
    }

    [Fact]
    public async Task AnAgentThatClosesEveryTab_StaysThroughTheGracePeriod_ThenItsChatsAreOfferedToOthers()
    {
        await using var server = HubServer.Start(settings: FastRouting);
        var login = await server.CreateAgentAsync("Ada", [1]);
        var laptop = await server.ConnectAgentAsync(login.Token);
        var phone = await server.ConnectAgentAsync(login.Token);
        await laptop.SetPresenceAsync(PresenceStatus.Available);
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var id = (await customer.StartAsync("Help")).ConversationId;
        await laptop.Offers.WaitForAsync(o => o.ConversationId == id);
        await phone.Offers.WaitForAsync(o => o.ConversationId == id); // every device of the agent sees the offer
        await phone.AcceptAsync(id);
        var presence = server.Service<PresenceService>();

        await laptop.Connection.StopAsync();
        Assert.Equal(PresenceStatus.Available, (await presence.GetAsync(login.Agent.Id)).Status); // one device is enough
        await phone.Connection.StopAsync();
        Assert.Equal(PresenceStatus.Available, (await presence.GetAsync(login.Agent.Id)).Status); // grace period
        var colleague = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ben", [1])).Token);
        await colleague.SetPresenceAsync(PresenceStatus.Available);

        var handedOver = await colleague.Offers.WaitForAsync(o => o.ConversationId == id);
        Assert.Equal(PresenceStatus.Offline, (await presence.GetAsync(login.Agent.Id)).Status);
        await customer.Messages.WaitForAsync(m => m.Kind == MessageKind.System && m.Text.Contains("no longer available", StringComparison.Ordinal));
        await colleague.AcceptAsync(handedOver.ConversationId);
    }

    [Fact]
    public async Task AnAgentThatLogsOut_IsOfflineAtOnce()
    {
        await using var server = HubServer.Start(settings: FastRouting);
        var login = await server.CreateAgentAsync("Ada", [1]);
        var agent = await server.ConnectAgentAsync(login.Token);
        await agent.SetPresenceAsync(PresenceStatus.Available);
        var watcher = await server.ConnectAgentAsync((await server.CreateAgentAsync("Sam", [1])).Token);

        var after = await agent.SetPresenceAsync(PresenceStatus.Offline);

        Assert.Equal(PresenceStatus.Offline, after.Status);
        await watcher.Presence.WaitForAsync(p => p.AgentId == login.Agent.Id && p.Status == PresenceStatus.Offline);
    }

    [Fact]
    public async Task LastAgentLeavesWhileACustomerWaits_TheCustomerIsTold_AndTheirMessageBecomesATicket()
    {
        await using var server = HubServer.Start(settings: FastRouting);
        var agent = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada", [1])).Token);
        await agent.SetPresenceAsync(PresenceStatus.Busy); // online, but not taking chats
        var visitor = await server.CreateVisitorAsync();
        var customer = await server.ConnectCustomerAsync(visitor.Token);
        var started = await customer.StartAsync("Anyone there?");
        Assert.True(started.AgentsAvailable);
        await customer.Positions.WaitForAsync(p => p.ConversationId == started.ConversationId && p.Position == 1);

        await agent.SetPresenceAsync(PresenceStatus.Offline);

        var notice = await customer.Unavailable.WaitForAsync(n => n.ConversationId == started.ConversationId);
        Assert.Contains("Leave a message", notice.Reason, StringComparison.Ordinal);
        var left = await customer.Connection.InvokeAsync<LeaveMessageResult>(
            nameof(CustomerHub.LeaveMessage),
            new LeaveMessageRequest(started.ConversationId, Guid.NewGuid().ToString("N"), "Please call me back about my invoice.", "carla@example.com"))
            .WaitAsync(HubServer.Timeout);

        Assert.Equal(started.TicketNumber, left.TicketNumber);
        var ticket = (await server.Service<ITicketStore>().GetByNumberAsync(left.TicketNumber))!;
        Assert.Equal(TicketStatus.Open, ticket.Status);
        var conversation = (await server.Service<IConversationStore>().GetAsync(started.ConversationId))!;
        Assert.Equal(ConversationStatus.Ended, conversation.Status);
        var transcript = await server.Service<IConversationStore>().GetMessagesAsync(started.ConversationId, 0, 100, true);
        Assert.Contains(transcript, m => m.Text == "Please call me back about my invoice.");
        await customer.Messages.WaitForAsync(m => m.Kind == MessageKind.System && m.Text.Contains($"#{left.TicketNumber}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoAgentOnlineAtStart_TheStartResultSaysSo()
    {
        await using var server = HubServer.Start(settings: FastRouting);
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);

        var started = await customer.StartAsync("Hello?");

        Assert.False(started.AgentsAvailable);
        await customer.Unavailable.WaitForAsync(n => n.ConversationId == started.ConversationId);
    }

    [Fact]
    public async Task AReturningCustomerWithAnOpenTicket_GoesToItsLevelAndLastAgentFirst()
    {
        await using var server = HubServer.Start(settings: FastRouting);
        var ada = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada", [1])).Token);
        await ada.SetPresenceAsync(PresenceStatus.Available);
        var visitor = await server.CreateVisitorAsync();
        var customer = await server.ConnectCustomerAsync(visitor.Token);
        var firstId = (await customer.StartAsync("Printer offline")).ConversationId;
        await ada.Offers.WaitForAsync(o => o.ConversationId == firstId);
        await ada.AcceptAsync(firstId);
        await customer.Connection.InvokeAsync(nameof(CustomerHub.End), new ConversationRequest(firstId)).WaitAsync(HubServer.Timeout);
        var ben = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ben", [1])).Token);
        await ben.SetPresenceAsync(PresenceStatus.Available); // Ben is idle longer than Ada now

        var second = await customer.StartAsync("Printer offline again");

        Assert.Equal(await TicketOf(firstId), second.TicketNumber);
        await ada.Offers.WaitForAsync(o => o.ConversationId == second.ConversationId);
        Assert.DoesNotContain(ben.Offers.Snapshot(), o => o.ConversationId == second.ConversationId);

        async Task<long> TicketOf(string id) => (await server.Service<IConversationStore>().GetAsync(id))!.TicketNumber;
    }

    [Fact]
    public async Task ASupervisor_ReassignsAConversation_AndTheAgentsLoadFollows()
    {
        await using var server = HubServer.Start(settings: FastRouting);
        var (customer, _, id) = await ChatFlowTests.StartClaimedAsync(server);
        var ben = await server.CreateAgentAsync("Ben", [1]);
        var benClient = await server.ConnectAgentAsync(ben.Token);
        var supervisor = await server.ConnectAgentAsync((await server.CreateAgentAsync("Sam", [1], [Server.Features.Agents.AgentRole.Agent, Server.Features.Agents.AgentRole.Supervisor])).Token);

        await supervisor.Connection.InvokeAsync(nameof(AgentHub.Reassign), new ReassignRequest(id, ben.Agent.Id)).WaitAsync(HubServer.Timeout);

        await customer.Changes.WaitForAsync(c => c.AssignedAgentName == "Ben");
        await benClient.Changes.WaitForAsync(c => c.Id == id);
        var presence = server.Service<PresenceService>();
        Assert.Equal(1, (await presence.GetAsync(ben.Agent.Id)).ChatLoad);
        var denied = await Assert.ThrowsAsync<HubException>(() =>
            benClient.Connection.InvokeAsync(nameof(AgentHub.Reassign), new ReassignRequest(id, ben.Agent.Id)).WaitAsync(HubServer.Timeout));
        Assert.Contains("unauthorized", denied.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WaitingCustomers_SeeTheirPositionAndWait_MoveUpWhenTheOneAheadIsTaken()
    {
        await using var server = HubServer.Start(settings: FastRouting);
        var agent = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada", [1], capacity: 1)).Token);
        await agent.SetPresenceAsync(PresenceStatus.Busy);
        var first = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var second = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var firstId = (await first.StartAsync("one")).ConversationId;
        var secondId = (await second.StartAsync("two")).ConversationId;
        await second.Positions.WaitForAsync(p => p.ConversationId == secondId && p.Position == 2 && p.EstimatedWaitSeconds is null);

        await agent.SetPresenceAsync(PresenceStatus.Available);
        var estimate = await second.Positions.WaitForAsync(p => p.ConversationId == secondId && p.EstimatedWaitSeconds is not null);
        Assert.Equal(2, estimate.Position);
        await agent.Offers.WaitForAsync(o => o.ConversationId == firstId);
        await agent.AcceptAsync(firstId);

        var moved = await second.Positions.WaitForAsync(p => p.ConversationId == secondId && p.Position == 1);
        Assert.True(moved.EstimatedWaitSeconds < estimate.EstimatedWaitSeconds);
        Assert.DoesNotContain(first.Positions.Snapshot(), p => p.ConversationId == secondId);
    }

    [Fact]
    public async Task ATransferToANamedAgent_OffersTheChatToThatAgent_WithTheNote()
    {
        await using var server = HubServer.Start(settings: FastRouting);
        var ada = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada", [1])).Token);
        await ada.SetPresenceAsync(PresenceStatus.Available);
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var id = (await customer.StartAsync("Contract question")).ConversationId;
        await ada.Offers.WaitForAsync(o => o.ConversationId == id);
        await ada.AcceptAsync(id);
        var benLogin = await server.CreateAgentAsync("Ben", [2]);
        var ben = await server.ConnectAgentAsync(benLogin.Token);
        await ben.SetPresenceAsync(PresenceStatus.Available);
        var cleo = await server.ConnectAgentAsync((await server.CreateAgentAsync("Cleo", [1])).Token);
        await cleo.SetPresenceAsync(PresenceStatus.Available);

        await ada.Connection.InvokeAsync(nameof(AgentHub.Transfer), new TransferRequest(id, benLogin.Agent.Id, "Ben knows this contract.")).WaitAsync(HubServer.Timeout);

        await ben.Offers.WaitForAsync(o => o.ConversationId == id);
        var taken = await ben.AcceptAsync(id);
        Assert.Contains(taken.Messages, m => m.Kind == MessageKind.PrivateNote && m.Text.Contains("Ben knows this contract.", StringComparison.Ordinal));
        Assert.DoesNotContain(cleo.Offers.Snapshot(), o => o.ConversationId == id);
        await customer.Messages.WaitForAsync(m => m.Kind == MessageKind.System && m.Text.Contains("passing your conversation to Ben", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OutsideBusinessHours_TheCustomerIsToldAtOnce()
    {
        var closedAlmostAlways = new Dictionary<string, string?>(FastRouting)
        {
            ["Hub:Routing:BusinessHours:TimeZone"] = "UTC",
            ["Hub:Routing:BusinessHours:Open"] = "00:00:00",
            ["Hub:Routing:BusinessHours:Close"] = "00:00:01",
        };
        await using var server = HubServer.Start(settings: closedAlmostAlways);
        var agent = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada", [1])).Token);
        await agent.SetPresenceAsync(PresenceStatus.Busy);
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);

        var started = await customer.StartAsync("Hello?");

        Assert.False(started.AgentsAvailable);
        var notice = await customer.Unavailable.WaitForAsync(n => n.ConversationId == started.ConversationId);
        Assert.Equal(RoutingAvailability.OutsideHours, notice.Reason);
    }

    [Fact]
    public async Task AfterARestart_WaitingChatsAreOfferedAgain_AndHeldChatsOfAnAgentWhoDoesNotReturnAreHandedOn()
    {
        var dataPath = HubServer.NewDataPath();
        string waitingId, heldId, visitorToken;
        try
        {
            var settings = FastRouting;
            await using (var before = HubServer.Start(dataPath, settings: settings))
            {
                var ada = await before.ConnectAgentAsync((await before.CreateAgentAsync("Ada", [1])).Token);
                await ada.SetPresenceAsync(PresenceStatus.Available);
                var visitor = await before.CreateVisitorAsync();
                visitorToken = visitor.Token;
                var customer = await before.ConnectCustomerAsync(visitor.Token);
                heldId = (await customer.StartAsync("held")).ConversationId;
                await ada.Offers.WaitForAsync(o => o.ConversationId == heldId);
                await ada.AcceptAsync(heldId);
                await ada.SetPresenceAsync(PresenceStatus.Busy);
                var other = await before.ConnectCustomerAsync((await before.CreateVisitorAsync()).Token);
                waitingId = (await other.StartAsync("waiting")).ConversationId;
            }

            await using var after = HubServer.Start(dataPath, settings: settings);
            var ben = await after.ConnectAgentAsync((await after.CreateAgentAsync("Ben", [1])).Token);
            await ben.SetPresenceAsync(PresenceStatus.Available);

            await ben.Offers.WaitForAsync(o => o.ConversationId == waitingId);
            await ben.Offers.WaitForAsync(o => o.ConversationId == heldId); // Ada never came back within the grace period
            var customerAgain = await after.ConnectCustomerAsync(visitorToken);
            var resumed = await customerAgain.ResumeAsync(heldId, 0);
            Assert.Contains(resumed.Messages, m => m.Text.Contains("no longer available", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    [Fact]
    public async Task SetPresenceWithoutAStatus_IsRefused_InsteadOfLoggingOut()
    {
        await using var server = HubServer.Start(settings: FastRouting);
        var agent = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada", [1])).Token);
        await agent.SetPresenceAsync(PresenceStatus.Available);

        var error = await Assert.ThrowsAsync<HubException>(() =>
            agent.Connection.InvokeAsync<PresenceDto>(nameof(AgentHub.SetPresence), new SetPresenceRequest(null)).WaitAsync(HubServer.Timeout));

        Assert.StartsWith("validation_failed: Status is required", HubError.Of(error), StringComparison.Ordinal);
        Assert.Equal(PresenceStatus.Available, (await server.Service<PresenceService>().GetAsync((await agent.Connection.InvokeAsync<PresenceDto>(nameof(AgentHub.GetPresence))).AgentId)).Status);
    }

    [Theory]
    [InlineData("Hub:Routing:Levels", "0", "Hub:Routing:Levels")]
    [InlineData("Hub:Routing:OfferTimeout", "-00:00:05", "Hub:Routing:OfferTimeout")]
    [InlineData("Hub:Routing:Workflow:0:Skills", " ", "Skills")]
    [InlineData("Hub:Routing:Workflow:0:Level", "5", "Hub:Routing:Workflow")]
    [InlineData("Hub:Routing:BusinessHours:TimeZone", "Mars/Olympus_Mons", "Hub:Routing:BusinessHours")]
    [InlineData("Hub:Routing:Workflow:0:Level", "2", "must start at level 1")]
    public void RoutingConfigurationErrors_FailStartUp_NamingTheBadField(string key, string value, string named)
    {
        var error = Assert.ThrowsAny<Exception>(() => HubServer.Start(settings: new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }
}

public sealed class InProcessRoutingEndToEndTests : RoutingEndToEndTests
{
    protected override Task<IReadOnlyDictionary<string, string?>> ModeSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());
}

public sealed class RedisRoutingEndToEndTests : RoutingEndToEndTests
{
    protected override async Task<IReadOnlyDictionary<string, string?>> ModeSettingsAsync() => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = (await RedisServer.SharedAsync()).ConnectionString,
        ["Hub:Redis:KeyPrefix"] = $"e2e:{Guid.NewGuid():N}:",
    };
}

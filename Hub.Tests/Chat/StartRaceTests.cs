using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Tickets;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Chat;

/// <summary>
/// The same start sent twice at once (two tabs on one host, or on two nodes sharing one store and one
/// Redis), and a start a crash left half-done: one conversation, one ticket.
/// </summary>
public sealed class StartRaceTests
{
    private const int Rounds = 20;

    [Fact]
    public async Task SameStart_OnTwoConnectionsAtOnce_GivesOneConversationAndOneTicket_EveryRound()
    {
        await using var server = HubServer.Start();

        await RaceAsync(server, server);
    }

    [SkippableFact]
    public async Task SameStart_OnTwoNodesAtOnce_GivesOneConversationAndOneTicket_EveryRound()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = (await RedisServer.SharedAsync()).ConnectionString,
            ["Hub:Redis:KeyPrefix"] = $"start-race:{Guid.NewGuid():N}:",
            ["ConnectionStrings:MongoDb"] = await MongoTestServer.ConnectionStringAsync(),
            ["Hub:Mongo:Database"] = $"start_race_{Guid.NewGuid():N}",
        };
        await using var nodeA = HubServer.Start(settings: settings);
        await using var nodeB = HubServer.Start(settings: settings);

        await RaceAsync(nodeA, nodeB);
    }

    /// <summary>One visitor, one tab on each of <paramref name="first"/> and <paramref name="second"/> (the same host or two nodes on one store).</summary>
    private static async Task RaceAsync(HubServer first, HubServer second)
    {
        var conversations = first.Service<IConversationStore>();
        var tickets = first.Service<ITicketStore>();

        for (var round = 0; round < Rounds; round++)
        {
            var visitor = await first.CreateVisitorAsync();
            var tabs = await Task.WhenAll(first.ConnectCustomerAsync(visitor.Token), second.ConnectCustomerAsync(visitor.Token));
            var request = new StartConversationRequest("Carla", null, "billing", $"Round {round}", Guid.NewGuid().ToString("N"));

            var answers = await Task.WhenAll(tabs.Select(tab => Task.Run(() =>
                tab.Connection.InvokeAsync<StartConversationResult>(nameof(CustomerHub.StartConversation), request).WaitAsync(HubServer.Timeout))));

            var stored = Assert.Single(await conversations.ListByCustomerAsync(visitor.CustomerId));
            Assert.All(answers, a => Assert.Equal((stored.Id, stored.TicketNumber, 1L), (a.ConversationId, a.TicketNumber, a.Message.Seq)));
            Assert.Single(answers, a => !a.Duplicate);
            var ticket = Assert.Single(await tickets.ListByCustomerAsync(visitor.CustomerId));
            Assert.Equal([stored.Id], ticket.ConversationIds);
            Assert.Single(await conversations.GetMessagesAsync(stored.Id, 0, 10, includePrivateNotes: true));
        }
    }

    [Fact]
    public async Task Start_RetriedAfterACrashLeftItWithoutItsFirstMessage_IsFinished_AndQueued()
    {
        await using var server = HubServer.Start();
        var login = await server.CreateAgentAsync("Ada");
        var agent = await server.ConnectAgentAsync(login.Token);
        var visitor = await server.CreateVisitorAsync();
        var request = new StartConversationRequest("Carla", null, "billing", "Is anyone there?", Guid.NewGuid().ToString("N"));
        // What a crash right after the conversation was stored leaves behind: no message, not on its ticket, not queued.
        var ticket = await server.Service<TicketDesk>().ForStartAsync(visitor.CustomerId, request.ClientMessageId, "billing", default);
        var customer = new Customer { Id = visitor.CustomerId, Name = "Carla", CreatedAt = DateTimeOffset.UtcNow };
        var halfDone = await server.Service<IConversationStore>().CreateOrGetStartAsync(
            Conversation.NewChat(HubIds.New(TimeProvider.System), customer, ticket, "billing", null, request.ClientMessageId, DateTimeOffset.UtcNow));
        var tab = await server.ConnectCustomerAsync(visitor.Token);

        var retried = await tab.Connection.InvokeAsync<StartConversationResult>(nameof(CustomerHub.StartConversation), request).WaitAsync(HubServer.Timeout);
        var again = await tab.Connection.InvokeAsync<StartConversationResult>(nameof(CustomerHub.StartConversation), request).WaitAsync(HubServer.Timeout);

        Assert.Equal((halfDone.Id, ticket.Number, 1L, "Is anyone there?", false), (retried.ConversationId, retried.TicketNumber, retried.Message.Seq, retried.Message.Text, retried.Duplicate));
        Assert.Equal((halfDone.Id, 1L, true), (again.ConversationId, again.Message.Seq, again.Duplicate));
        Assert.Equal([halfDone.Id], (await server.Service<ITicketStore>().GetAsync(ticket.Id))!.ConversationIds);
        await agent.Queued.WaitForAsync(q => q.ConversationId == halfDone.Id);
    }
}

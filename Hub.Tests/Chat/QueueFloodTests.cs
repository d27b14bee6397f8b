using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Chat;

/// <summary>
/// The agents' queue never hides a real customer behind a flood: paged per level, and a supervisor
/// sees waiting conversations grouped by address and closes a flood in one action (docs/security.md#the-agents-queue-and-floods).
/// </summary>
public sealed class QueueFloodTests
{
    private const string FloodAddress = "203.0.113.9";

    [Fact]
    public async Task AFloodAtOneLevel_HidesNeitherTheOldestOfAnotherLevel_NorTheRealCustomerOnALaterPage()
    {
        await using var server = HubServer.Start();
        var store = server.Service<IConversationStore>();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        for (var i = 0; i < QueueView.PageSize + 20; i++)
        {
            await store.CreateAsync(Waiting(level: 1, start.AddSeconds(i), FloodAddress));
        }

        var atLevelTwo = Waiting(level: 2, start.AddMinutes(30), "198.51.100.7");
        var realCustomer = Waiting(level: 1, start.AddMinutes(31), "198.51.100.8");
        await store.CreateAsync(atLevelTwo);
        await store.CreateAsync(realCustomer);
        var agent = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada", [1, 2])).Token);

        var queue = await agent.GetQueueAsync();
        Assert.Equal(QueueView.PageSize + 1, queue.Count);
        Assert.Contains(queue, q => q.ConversationId == atLevelTwo.Id);
        var secondPage = await agent.Connection.InvokeAsync<QueuePageDto>(nameof(AgentHub.GetQueuePage), new QueuePageRequest(1, QueueView.PageSize))
            .WaitAsync(HubServer.Timeout);
        Assert.Equal(21, secondPage.Items.Count);
        Assert.Equal(realCustomer.Id, secondPage.Items[^1].ConversationId);
        Assert.False(secondPage.HasMore);
    }

    [Fact]
    public async Task ASupervisor_SeesTheFloodByAddress_AndPurgesIt_WhileTheRealCustomerKeepsWaiting()
    {
        await using var server = HubServer.Start();
        for (var visitor = 0; visitor < 3; visitor++)
        {
            var flooder = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
            await flooder.StartAsync("spam a");
            await flooder.StartAsync("spam b");
        }

        var store = server.Service<IConversationStore>();
        var realCustomer = Waiting(level: 1, DateTimeOffset.UtcNow, "198.51.100.8");
        await store.CreateAsync(realCustomer);
        var agent = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada")).Token);
        var supervisor = await server.ConnectAgentAsync((await server.CreateAgentAsync("Sam", roles: [AgentRole.Agent, AgentRole.Supervisor])).Token);

        var floods = await supervisor.Connection.InvokeAsync<IReadOnlyList<FloodDto>>(nameof(AgentHub.GetFloods)).WaitAsync(HubServer.Timeout);
        var flood = Assert.Single(floods);
        Assert.Equal(("127.0.0.1", 6, 3), (flood.StartedFrom, flood.Waiting, flood.Visitors));
        var notAllowed = await Assert.ThrowsAsync<HubException>(
            () => agent.Connection.InvokeAsync<PurgeFloodResult>(nameof(AgentHub.PurgeFlood), new PurgeFloodRequest(flood.StartedFrom)).WaitAsync(HubServer.Timeout));
        Assert.Contains("unauthorized", notAllowed.Message, StringComparison.Ordinal);

        var purged = await supervisor.Connection.InvokeAsync<PurgeFloodResult>(nameof(AgentHub.PurgeFlood), new PurgeFloodRequest(flood.StartedFrom))
            .WaitAsync(HubServer.Timeout);

        Assert.Equal(6, purged.Closed);
        await agent.Dequeued.WaitForCountAsync(_ => true, 6);
        Assert.Equal([realCustomer.Id], (await agent.GetQueueAsync()).Select(q => q.ConversationId));
        Assert.Empty(await supervisor.Connection.InvokeAsync<IReadOnlyList<FloodDto>>(nameof(AgentHub.GetFloods)).WaitAsync(HubServer.Timeout));
    }

    private static Conversation Waiting(int level, DateTimeOffset createdAt, string startedFrom) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        CustomerId = Guid.NewGuid().ToString("N"),
        CustomerName = "Carla",
        TicketId = Guid.NewGuid().ToString("N"),
        TicketNumber = 1001,
        Status = ConversationStatus.Waiting,
        Level = level,
        CreatedAt = createdAt,
        StartedFrom = startedFrom,
    };
}

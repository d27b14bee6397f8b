using SupportHub.Server.Features.Chat;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Chat;

public sealed class ResumeTests
{
    [Fact]
    public async Task DroppedCustomer_ResumesAfterItsLastSeq_AndGetsExactlyWhatItMissed()
    {
        await using var server = HubServer.Start();
        var visitor = await server.CreateVisitorAsync();
        var agent = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada")).Token);
        var customer = await server.ConnectCustomerAsync(visitor.Token);
        var id = (await customer.StartAsync("My router blinks red")).ConversationId;
        await agent.ClaimAsync(id);
        var beforeDrop = await agent.SendAsync(id, "Which model is it?");
        await customer.Messages.WaitForAsync(m => m.Seq == beforeDrop.Seq);
        var lastSeen = customer.Messages.Snapshot().Max(m => m.Seq);

        await customer.Connection.StopAsync().WaitAsync(HubServer.Timeout); // the connection drops
        var missed = new List<long>();
        foreach (var text in new[] { "Hello?", "Please unplug it for 10 seconds.", "Then tell me the colour." })
        {
            missed.Add((await agent.SendAsync(id, text)).Seq);
        }

        await agent.AddNoteAsync(id, "staff only");
        var back = await server.ConnectCustomerAsync(visitor.Token);
        var resumed = await back.ResumeAsync(id, lastSeen);

        Assert.Equal(missed, resumed.Messages.Select(m => m.Seq));
        Assert.Equal(["Hello?", "Please unplug it for 10 seconds.", "Then tell me the colour."], resumed.Messages.Select(m => m.Text));
        Assert.False(resumed.HasMore);
        Assert.Empty(back.Messages.Snapshot()); // nothing sent before the reconnect arrives twice as a live event

        var live = await agent.SendAsync(id, "Welcome back.");
        await back.Messages.WaitForAsync(m => m.Seq == live.Seq);
        Assert.Equal([live.Seq], back.Messages.Snapshot().Select(m => m.Seq));
    }

    [Fact]
    public async Task ResumeFromZero_ReturnsTheWholeCustomerVisibleHistory()
    {
        await using var server = HubServer.Start();
        var (customer, agent, id) = await ChatFlowTests.StartClaimedAsync(server);
        await agent.SendAsync(id, "one");
        await agent.AddNoteAsync(id, "note");
        await customer.SendAsync(id, "two");

        var resumed = await customer.ResumeAsync(id, 0);

        Assert.Equal(["My invoice is wrong", "Ada joined the conversation.", "one", "two"], resumed.Messages.Select(m => m.Text));
        Assert.Equal(resumed.Messages.Select(m => m.Seq).Order(), resumed.Messages.Select(m => m.Seq));
    }
}

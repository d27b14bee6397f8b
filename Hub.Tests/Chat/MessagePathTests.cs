using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Tickets;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Chat;

public sealed class MessagePathTests
{
    [Fact]
    public async Task SameClientMessageIdTwice_IsStoredOnce_AndBothCallsGetTheSameSeq()
    {
        await using var server = HubServer.Start();
        var (customer, agent, id) = await ChatFlowTests.StartClaimedAsync(server);
        var clientId = Guid.NewGuid().ToString("N");

        var first = await customer.SendAsync(id, "Is my order shipped?", clientId);
        var second = await customer.SendAsync(id, "Is my order shipped?", clientId);

        Assert.Equal(first.Seq, second.Seq);
        Assert.Equal((false, true), (first.Duplicate, second.Duplicate));
        var transcript = await server.Service<IConversationStore>().GetMessagesAsync(id, 0, 100, true);
        Assert.Single(transcript, m => m.ClientMessageId == clientId);
        // The repeat is sent out again (its first fan-out may have died with a node), under the same seq.
        await agent.Messages.WaitForCountAsync(m => m.ClientMessageId == clientId, 2);
        Assert.All(agent.Messages.Snapshot().Where(m => m.ClientMessageId == clientId), m => Assert.Equal(first.Seq, m.Seq));
    }

    [Fact]
    public async Task FiftyMessagesAtOnceFromEachSide_GetDistinctGapFreeSeqs()
    {
        // 50 at once from one customer connection: above the production limit of messages per connection.
        await using var server = HubServer.Start(settings: new Dictionary<string, string?> { ["Hub:Limits:CustomerMessagesPerConnection:PermitLimit"] = "1000" });
        var (customer, agent, id) = await ChatFlowTests.StartClaimedAsync(server);
        var seqBefore = (await server.Service<IConversationStore>().GetAsync(id))!.LastSeq;

        var sends = Enumerable.Range(0, 50).SelectMany(i => new[]
        {
            customer.SendAsync(id, $"customer {i}"),
            agent.SendAsync(id, $"agent {i}"),
        });
        var acks = await Task.WhenAll(sends);

        var seqs = acks.Select(a => a.Seq).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 100).Select(i => seqBefore + i), seqs);
        var transcript = await server.Service<IConversationStore>().GetMessagesAsync(id, 0, 1000, true);
        Assert.Equal(Enumerable.Range(1, (int)seqBefore + 100).Select(i => (long)i), transcript.Select(m => m.Seq));
        Assert.Equal(50, transcript.Count(m => m.Text.StartsWith("customer ", StringComparison.Ordinal)));
        Assert.Equal(50, transcript.Count(m => m.Text.StartsWith("agent ", StringComparison.Ordinal)));
        await customer.Messages.WaitForCountAsync(m => m.SenderRole == SenderRole.Customer && m.Seq > seqBefore, 50);
        await agent.Messages.WaitForCountAsync(m => m.Seq > seqBefore, 100);
    }

    [Fact]
    public async Task StartRetriedWithTheSameClientMessageId_CreatesOneConversationAndOneTicket()
    {
        await using var server = HubServer.Start();
        var visitor = await server.CreateVisitorAsync();
        var customer = await server.ConnectCustomerAsync(visitor.Token);
        var request = new StartConversationRequest("Carla", null, "billing", "Hello", Guid.NewGuid().ToString("N"));

        var first = await customer.Connection.InvokeAsync<StartConversationResult>(nameof(CustomerHub.StartConversation), request).WaitAsync(HubServer.Timeout);
        var retry = await customer.Connection.InvokeAsync<StartConversationResult>(nameof(CustomerHub.StartConversation), request).WaitAsync(HubServer.Timeout);

        Assert.Equal((first.ConversationId, first.TicketNumber, first.Message.Seq), (retry.ConversationId, retry.TicketNumber, retry.Message.Seq));
        Assert.Equal((false, true), (first.Duplicate, retry.Duplicate));
        Assert.Single(await server.Service<IConversationStore>().ListByCustomerAsync(visitor.CustomerId));
        Assert.Single(await server.Service<ITicketStore>().ListByCustomerAsync(visitor.CustomerId));
    }
}

using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Tickets;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Chat;

public sealed class ChatFlowTests
{
    [Fact]
    public async Task CustomerAndAgent_ExchangeMessagesBothWays_AndTheStoreHasTheTranscriptInSeqOrder()
    {
        await using var server = HubServer.Start();
        var before = DateTimeOffset.UtcNow;
        var login = await server.CreateAgentAsync("Ada");
        var agent = await server.ConnectAgentAsync(login.Token);
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);

        var started = await customer.StartAsync("My invoice is wrong");
        var id = started.ConversationId;
        var queued = await agent.Queued.WaitForAsync(q => q.ConversationId == id);
        Assert.Equal(("billing", "Carla Customer", started.TicketNumber), (queued.Topic, queued.CustomerName, queued.TicketNumber));
        var queue = await agent.Connection.InvokeAsync<IReadOnlyList<QueueItemDto>>(nameof(AgentHub.GetQueue));
        Assert.Contains(queue, q => q.ConversationId == id);

        var claimed = await agent.ClaimAsync(id);
        Assert.Equal(ConversationStatus.Active, claimed.Conversation.Status);
        Assert.Equal("My invoice is wrong", claimed.Messages[0].Text);
        await customer.Changes.WaitForAsync(c => c.Id == id && c.Status == ConversationStatus.Active && c.AssignedAgentName == "Ada");
        await agent.Dequeued.WaitForAsync(d => d.ConversationId == id);

        var a1 = await agent.SendAsync(id, "Hello, I am Ada. Which invoice?");
        var seenByCustomer = await customer.Messages.WaitForAsync(m => m.Seq == a1.Seq);
        Assert.Equal((SenderRole.Agent, "Ada", "Hello, I am Ada. Which invoice?"), (seenByCustomer.SenderRole, seenByCustomer.SenderName, seenByCustomer.Text));
        var c1 = await customer.SendAsync(id, "Number 4711");
        var seenByAgent = await agent.Messages.WaitForAsync(m => m.Seq == c1.Seq);
        Assert.Equal((SenderRole.Customer, "Carla Customer", "Number 4711"), (seenByAgent.SenderRole, seenByAgent.SenderName, seenByAgent.Text));
        var a2 = await agent.SendAsync(id, "Fixed, a corrected invoice is on its way.");
        await customer.Messages.WaitForAsync(m => m.Seq == a2.Seq);
        var after = DateTimeOffset.UtcNow;

        var transcript = await server.Service<IConversationStore>().GetMessagesAsync(id, 0, 100, includePrivateNotes: true);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), transcript.Select(m => m.Seq));
        Assert.Equal(
            [
                (SenderRole.Customer, "My invoice is wrong"),
                (SenderRole.System, "Ada joined the conversation."),
                (SenderRole.Agent, "Hello, I am Ada. Which invoice?"),
                (SenderRole.Customer, "Number 4711"),
                (SenderRole.Agent, "Fixed, a corrected invoice is on its way."),
            ],
            transcript.Select(m => (m.SenderRole, m.Text)));
        Assert.All(transcript, m => Assert.InRange(m.SentAt, before.AddSeconds(-1), after.AddSeconds(1)));
        Assert.Equal(login.Agent.Id, transcript[2].SenderId);
        Assert.Equal(1, customer.Messages.Snapshot().Count(m => m.Seq == a1.Seq));
    }

    [Fact]
    public async Task PrivateNote_ReachesStaff_AndNeverTheCustomer()
    {
        await using var server = HubServer.Start();
        var (customer, agent, id) = await StartClaimedAsync(server);
        var colleague = await server.ConnectAgentAsync((await server.CreateAgentAsync("Cleo", [3])).Token);
        var opened = await colleague.Connection.InvokeAsync<ResumeResult>(nameof(AgentHub.Open), new ConversationRequest(id)).WaitAsync(HubServer.Timeout);
        Assert.Equal(id, opened.Conversation.Id);

        var note = await agent.AddNoteAsync(id, "Customer sounds upset; double-check the refund.");
        var visible = await agent.SendAsync(id, "Let me check that for you.");

        var atColleague = await colleague.Messages.WaitForAsync(m => m.Seq == note.Seq);
        Assert.Equal(MessageKind.PrivateNote, atColleague.Kind);
        await customer.Messages.WaitForAsync(m => m.Seq == visible.Seq);
        Assert.DoesNotContain(customer.Messages.Snapshot(), m => m.Seq == note.Seq);
        var resumed = await customer.ResumeAsync(id, 0);
        Assert.DoesNotContain(resumed.Messages, m => m.Kind == MessageKind.PrivateNote || m.Seq == note.Seq);
        Assert.Contains(resumed.Messages, m => m.Seq == visible.Seq);
    }

    [Fact]
    public async Task Typing_AndReadReceipts_ReachTheOtherSide()
    {
        await using var server = HubServer.Start();
        var (customer, agent, id) = await StartClaimedAsync(server);

        await customer.Connection.InvokeAsync(nameof(CustomerHub.Typing), new TypingRequest(id, true)).WaitAsync(HubServer.Timeout);
        await agent.Typing.WaitForAsync(t => t.ConversationId == id && t.Role == SenderRole.Customer && t.IsTyping);
        await agent.Connection.InvokeAsync(nameof(AgentHub.Typing), new TypingRequest(id, true)).WaitAsync(HubServer.Timeout);
        await customer.Typing.WaitForAsync(t => t.Role == SenderRole.Agent && t.Name == "Ada" && t.IsTyping);

        var sent = await agent.SendAsync(id, "Are you there?");
        await customer.Connection.InvokeAsync(nameof(CustomerHub.MarkRead), new MarkReadRequest(id, sent.Seq)).WaitAsync(HubServer.Timeout);
        await agent.Reads.WaitForAsync(r => r.ConversationId == id && r.Role == SenderRole.Customer && r.Seq == sent.Seq);
        var stored = await server.Service<IConversationStore>().GetAsync(id);
        Assert.Equal(sent.Seq, stored!.CustomerReadSeq);
    }

    [Fact]
    public async Task Resolve_ClosesConversationAndTicket_AndTheCustomerCannotWriteIntoNowhere()
    {
        await using var server = HubServer.Start();
        var (customer, agent, id) = await StartClaimedAsync(server);

        var beforeClose = await customer.SendAsync(id, "Thank you!", "retried-after-close");
        await agent.ResolveAsync(id, "Refund issued; invoice corrected.");
        var retry = await customer.SendAsync(id, "Thank you!", "retried-after-close");
        Assert.Equal((beforeClose.Seq, true), (retry.Seq, retry.Duplicate));

        await customer.Changes.WaitForAsync(c => c.Id == id && c.Status == ConversationStatus.Resolved);
        await customer.Messages.WaitForAsync(m => m.Kind == MessageKind.System && m.Text.Contains("resolved", StringComparison.Ordinal));
        var error = await Assert.ThrowsAsync<HubException>(() => customer.SendAsync(id, "Hello?"));
        Assert.StartsWith("conversation_closed:", HubError.Of(error), StringComparison.Ordinal);
        var conversation = await server.Service<IConversationStore>().GetAsync(id);
        var ticket = await server.Service<ITicketStore>().GetAsync(conversation!.TicketId);
        Assert.Equal((TicketStatus.Resolved, "Refund issued; invoice corrected."), (ticket!.Status, ticket.Resolution));
        Assert.DoesNotContain(await server.Service<IConversationStore>().GetMessagesAsync(id, 0, 100, false), m => m.Text == "Hello?");
    }

    [Fact]
    public async Task CustomerEndsConversation_AgentIsTold_AndFurtherMessagesAreRefused()
    {
        await using var server = HubServer.Start();
        var (customer, agent, id) = await StartClaimedAsync(server);

        await customer.Connection.InvokeAsync(nameof(CustomerHub.End), new ConversationRequest(id)).WaitAsync(HubServer.Timeout);

        await agent.Changes.WaitForAsync(c => c.Id == id && c.Status == ConversationStatus.Ended);
        await agent.Messages.WaitForAsync(m => m.Kind == MessageKind.System && m.Text.Contains("ended", StringComparison.Ordinal));
        var error = await Assert.ThrowsAsync<HubException>(() => agent.SendAsync(id, "Still there?"));
        Assert.StartsWith("conversation_closed:", HubError.Of(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoAgentsClaimAtOnce_ExactlyOneGetsTheConversation()
    {
        await using var server = HubServer.Start();
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var first = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada")).Token);
        var second = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ben")).Token);
        var id = (await customer.StartAsync("Help")).ConversationId;

        var attempts = await Task.WhenAll(Attempt(first), Attempt(second));

        Assert.Single(attempts, won => won);
        var transcript = await server.Service<IConversationStore>().GetMessagesAsync(id, 0, 100, true);
        Assert.Single(transcript, m => m.Kind == MessageKind.System && m.Text.Contains("joined", StringComparison.Ordinal));

        var (winner, loser) = attempts[0] ? (first, second) : (second, first);
        var note = await winner.AddNoteAsync(id, "only for those working on it");
        await winner.Messages.WaitForAsync(m => m.Seq == note.Seq);
        var marker = (await customer.StartAsync("Another question")).ConversationId;
        await loser.Queued.WaitForAsync(q => q.ConversationId == marker); // the loser is still connected and listening
        Assert.DoesNotContain(loser.Messages.Snapshot(), m => m.ConversationId == id);

        async Task<bool> Attempt(AgentClient agent)
        {
            try
            {
                await agent.ClaimAsync(id);
                return true;
            }
            catch (HubException e) when (HubError.Of(e).StartsWith("conflict:", StringComparison.Ordinal))
            {
                return false;
            }
        }
    }

    internal static async Task<(CustomerClient Customer, AgentClient Agent, string ConversationId)> StartClaimedAsync(HubServer server)
    {
        var agent = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada")).Token);
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var id = (await customer.StartAsync("My invoice is wrong")).ConversationId;
        await agent.ClaimAsync(id);
        await customer.Changes.WaitForAsync(c => c.Id == id && c.Status == ConversationStatus.Active);
        return (customer, agent, id);
    }

    [Fact]
    public async Task EveryTabOfTheCustomer_SeesTheFirstMessageAndTheReplies()
    {
        await using var server = HubServer.Start();
        var visitor = await server.CreateVisitorAsync();
        var tab1 = await server.ConnectCustomerAsync(visitor.Token);
        var tab2 = await server.ConnectCustomerAsync(visitor.Token);
        var agent = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada")).Token);

        var id = (await tab1.StartAsync("Hello from tab 1")).ConversationId;
        await agent.ClaimAsync(id);
        var reply = await agent.SendAsync(id, "Hi!");

        foreach (var tab in new[] { tab1, tab2 })
        {
            await tab.Messages.WaitForAsync(m => m.Seq == reply.Seq);
            Assert.Equal(["Hello from tab 1", "Ada joined the conversation.", "Hi!"], tab.Messages.Snapshot().Select(m => m.Text));
        }
    }

    [Fact]
    public async Task AfterTheChat_TheCustomerRatesItOnce()
    {
        await using var server = HubServer.Start();
        var (customer, _, id) = await StartClaimedAsync(server);
        Task Rate(int score) => customer.Connection.InvokeAsync(nameof(CustomerHub.Rate), new RateConversationRequest(id, score, " Quick and friendly ")).WaitAsync(HubServer.Timeout);

        var tooEarly = await Assert.ThrowsAsync<HubException>(() => Rate(5));
        await customer.Connection.InvokeAsync(nameof(CustomerHub.End), new ConversationRequest(id)).WaitAsync(HubServer.Timeout);
        var outOfRange = await Assert.ThrowsAsync<HubException>(() => Rate(6));
        await Rate(4);
        var twice = await Assert.ThrowsAsync<HubException>(() => Rate(1));

        Assert.StartsWith("conflict: The conversation is still open", HubError.Of(tooEarly), StringComparison.Ordinal);
        Assert.Equal("validation_failed: Score must be from 1 to 5.", HubError.Of(outOfRange));
        Assert.StartsWith("conflict: This conversation has been rated already", HubError.Of(twice), StringComparison.Ordinal);
        var rated = (await server.Service<IConversationStore>().GetAsync(id))!;
        Assert.Equal((4, "Quick and friendly"), (rated.Rating!.Value, rated.RatingComment));
    }

    [Fact]
    public async Task AResolvedConversation_IsReopenedByAnAgent_AndItsTicketToo()
    {
        await using var server = HubServer.Start();
        var (customer, agent, id) = await StartClaimedAsync(server);
        await agent.ResolveAsync(id, "Restarted the router.");
        var ben = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ben")).Token);

        var reopened = await ben.Connection.InvokeAsync<ResumeResult>(nameof(AgentHub.Reopen), new ConversationRequest(id)).WaitAsync(HubServer.Timeout);
        var again = await Assert.ThrowsAsync<HubException>(() =>
            ben.Connection.InvokeAsync<ResumeResult>(nameof(AgentHub.Reopen), new ConversationRequest(id)).WaitAsync(HubServer.Timeout));

        Assert.Equal((ConversationStatus.Active, "Ben"), (reopened.Conversation.Status, reopened.Conversation.AssignedAgentName));
        Assert.StartsWith("conflict:", HubError.Of(again), StringComparison.Ordinal);
        await customer.Messages.WaitForAsync(m => m.Kind == MessageKind.System && m.Text == "Ben reopened the conversation.");
        var ticket = (await server.Service<ITicketStore>().GetAsync((await server.Service<IConversationStore>().GetAsync(id))!.TicketId))!;
        Assert.Equal(TicketStatus.Reopened, ticket.Status);
        var reply = await ben.SendAsync(id, "The router is blinking again? Let's look.");
        await customer.Messages.WaitForAsync(m => m.Seq == reply.Seq);
    }
}

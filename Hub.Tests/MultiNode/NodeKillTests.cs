using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;
using Xunit.Abstractions;

namespace SupportHub.Tests.MultiNode;

/// <summary>
/// Two Hub.Server processes on one store and one Redis; the node a customer is connected to dies
/// with kill -9 in the middle of a burst of messages from both sides (docs/architecture.md#multi-node-tests).
/// </summary>
public sealed class NodeKillTests(ITestOutputHelper output)
{
    private const int Burst = 50;
    private const int InFlight = 5;
    private static readonly TimeSpan BurstTimeout = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task NodeKilledMidBurst_CustomerResumesOnTheOtherNode_AndBothTranscriptsAreGapFreeWithoutLossOrDuplicates()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // A burst of 50 from one customer connection is above the production limit of messages per connection.
        await using var cluster = await HubCluster.StartAsync(output, settings: new Dictionary<string, string?> { ["Hub:Limits:CustomerMessagesPerConnection:PermitLimit"] = "1000" });
        output.WriteLine($"cluster {clock.Elapsed}");
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var login = await cluster.CreateAgentAsync(b, "Ada");
        var agent = await b.Clients.ConnectAgentAsync(login.Token);
        await agent.SetPresenceAsync(PresenceStatus.Available);

        var visitor = await a.Clients.CreateVisitorAsync();
        var customerOnA = await a.Clients.ConnectCustomerAsync(visitor.Token);
        var started = await customerOnA.StartAsync("My export fails");
        var id = started.ConversationId;
        await agent.Offers.WaitForAsync(o => o.ConversationId == id);
        var accepted = await agent.AcceptAsync(id);
        output.WriteLine($"accepted {clock.Elapsed}");

        var customer = new ClientLedger();
        var staff = new ClientLedger();
        customer.Receive([started.Message]);
        staff.Receive(accepted.Messages);
        for (var i = 1; i <= Burst; i++)
        {
            customer.Write($"customer line {i}");
            staff.Write($"agent line {i}");
        }

        // Both sides send at once, several in flight; node A dies once a third of the customer's are through.
        var agentBurst = staff.SendPendingAsync((messageId, text) => agent.SendAsync(id, text, messageId), InFlight);
        var customerBurst = customer.SendPendingAsync((messageId, text) => customerOnA.SendAsync(id, text, messageId), InFlight);
        await customer.WaitForAcknowledgedAsync(Burst / 3, BurstTimeout);
        a.Kill();
        output.WriteLine($"killed {clock.Elapsed}");
        await customerBurst.WaitAsync(BurstTimeout);
        Assert.NotEmpty(customer.Pending); // the kill did land mid-burst
        var lostWithA = customer.Pending.Count;

        // The customer's client reconnects, to node B now, resumes, then empties its outbox with the same ids.
        var customerOnB = await b.Clients.ConnectCustomerAsync(visitor.Token);
        customer.Receive(customerOnA.Messages.Snapshot());
        await customer.ResumeAsync(after => customerOnB.ResumeAsync(id, after));
        await customer.SendPendingAsync((messageId, text) => customerOnB.SendAsync(id, text, messageId), InFlight);
        await agentBurst.WaitAsync(BurstTimeout);
        Assert.Empty(customer.Pending);
        Assert.Empty(staff.Pending);
        output.WriteLine($"resent {clock.Elapsed}");

        // The agent's console never lost its connection, so nothing prompts it to Resume: every stored
        // message must reach it live, including one that A stored but died before sending out (its
        // re-send answers duplicate and is sent out again).
        var transcript = await ClientLedger.ReadTranscriptAsync(after => agent.ResumeAsync(id, after));
        var seenLive = new HashSet<long>(accepted.Messages.Select(m => m.Seq));
        foreach (var message in transcript.Where(m => !seenLive.Contains(m.Seq)))
        {
            await agent.Messages.WaitForAsync(m => m.Seq == message.Seq);
        }

        // Everything the clients hold, then what each side reads afresh.
        customer.Receive(customerOnB.Messages.Snapshot());
        staff.Receive(agent.Messages.Snapshot());
        await customer.ResumeAsync(after => customerOnB.ResumeAsync(id, after));
        await staff.ResumeAsync(after => agent.ResumeAsync(id, after));
        var agentView = await ClientLedger.ReadTranscriptAsync(after => agent.ResumeAsync(id, after));
        var customerView = await ClientLedger.ReadTranscriptAsync(after => customerOnB.ResumeAsync(id, after));
        output.WriteLine(
            $"{lostWithA} customer messages unanswered when A died, {customer.Duplicates} of them stored already (duplicate on re-send); " +
            $"{agentView.Count} messages; missing from the live views: customer {Missing(customer, agentView)}, agent {Missing(staff, agentView)}.");

        // Gap-free: seqs 1..N, each once.
        Assert.Equal(Enumerable.Range(1, agentView.Count).Select(s => (long)s), agentView.Select(m => m.Seq));
        Assert.Equal(Texts(agentView), Texts(customerView));

        // Zero loss, zero duplicates: every message either side wrote is there exactly once, under the seq it was acknowledged with.
        foreach (var (side, role) in new[] { (customer, SenderRole.Customer), (staff, SenderRole.Agent) })
        {
            var stored = agentView.Where(m => m.Kind == MessageKind.Text && m.SenderRole == role && m.ClientMessageId != started.Message.ClientMessageId).ToList();
            Assert.Equal(side.Sent.OrderBy(s => s.Id), stored.Select(m => (m.ClientMessageId!, m.Text)).OrderBy(s => s.Item1));
            foreach (var (messageId, ack) in side.Acknowledged)
            {
                Assert.Equal(messageId, agentView[(int)ack.Seq - 1].ClientMessageId);
            }

            Assert.Empty(side.Conflicts);
        }
    }

    private static List<(long, string?, SenderRole, string)> Texts(IEnumerable<MessageDto> messages) =>
        [.. messages.Select(m => (m.Seq, m.ClientMessageId, m.SenderRole, m.Text))];

    private static string Missing(ClientLedger client, IReadOnlyList<MessageDto> transcript) =>
        "[" + string.Join(", ", transcript.Where(m => !client.Messages.Any(held => held.Seq == m.Seq)).Select(m => $"{m.Seq} {m.SenderRole} '{m.Text}'")) + "]";
}

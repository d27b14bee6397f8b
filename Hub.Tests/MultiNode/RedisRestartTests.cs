using System.Diagnostics;
using System.Net;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;
using Xunit.Abstractions;

namespace SupportHub.Tests.MultiNode;

/// <summary>
/// Two Hub.Server processes on one store and one redis-server, which stops mid-conversation (its data
/// is gone: nothing is persisted) and starts again, empty, on the same port (docs/architecture.md#multi-node-tests).
/// </summary>
public sealed class RedisRestartTests(ITestOutputHelper output)
{
    private const int InFlight = 3;

    /// <summary>How often an agent console sends Heartbeat (docs/protocol/client-guide.md).</summary>
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan OutageTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan LiveTimeout = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task RedisRestartedMidConversation_EveryMessageBeforeDuringAndAfterIsKeptOnce_AndHealthShowedTheOutage()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await HubCluster.StartAsync(output);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var (agent, customerClient, id, customer, staff) = await StartChatAsync(cluster, capacity: 3);
        output.WriteLine($"chat {clock.Elapsed}");

        Write(customer, staff, "before", 5);
        await SendAllAsync(customer, staff, agent, customerClient, id);

        output.WriteLine($"before {clock.Elapsed}");
        await cluster.Redis.StopAsync();
        await a.WaitForHealthAsync(HttpStatusCode.ServiceUnavailable, OutageTimeout);
        await b.WaitForHealthAsync(HttpStatusCode.ServiceUnavailable, OutageTimeout);
        output.WriteLine($"503 {clock.Elapsed}");

        // During the outage a send is stored and acknowledged, or refused; a refused one stays in the outbox.
        // One each: a connection's calls run one at a time, and each refusal waits out Redis's 5 s timeout.
        Write(customer, staff, "during", 1);
        await Task.WhenAll(
            customer.SendPendingAsync((messageId, text) => customerClient.SendAsync(id, text, messageId), InFlight),
            staff.SendPendingAsync((messageId, text) => agent.SendAsync(id, text, messageId), InFlight));
        output.WriteLine($"during the outage: customer {customer.Failures} refused, agent {staff.Failures} refused");

        output.WriteLine($"during {clock.Elapsed}");
        await cluster.Redis.RestartAsync();
        await a.WaitForHealthAsync(HttpStatusCode.OK, OutageTimeout);
        await b.WaitForHealthAsync(HttpStatusCode.OK, OutageTimeout);
        output.WriteLine($"200 {clock.Elapsed}");

        // The same connections carry on: the outbox goes out again with the same ids, then new messages.
        Write(customer, staff, "after", 5);
        await SendAllAsync(customer, staff, agent, customerClient, id);
        output.WriteLine($"after {clock.Elapsed}; re-sends answered duplicate: customer {customer.Duplicates}, agent {staff.Duplicates}");

        // Live events cross the nodes again once each node's backplane connection is back (it reconnects on its own schedule).
        await UntilLiveAsync(customer, staff, agent, customerClient, id, "customer", agent.Messages);
        await UntilLiveAsync(customer, staff, agent, customerClient, id, "agent", customerClient.Messages);
        output.WriteLine($"live {clock.Elapsed}; probes: {customer.Sent.Count(s => s.Text.Contains("probe", StringComparison.Ordinal))} customer, {staff.Sent.Count(s => s.Text.Contains("probe", StringComparison.Ordinal))} agent");

        customer.Receive(customerClient.Messages.Snapshot());
        staff.Receive(agent.Messages.Snapshot());
        var agentView = await ClientLedger.ReadTranscriptAsync(after => agent.ResumeAsync(id, after));
        var customerView = await ClientLedger.ReadTranscriptAsync(after => customerClient.ResumeAsync(id, after));
        Assert.Equal(Enumerable.Range(1, agentView.Count).Select(s => (long)s), agentView.Select(m => m.Seq));
        Assert.Equal(agentView.Select(m => (m.Seq, m.ClientMessageId, m.Text)), customerView.Select(m => (m.Seq, m.ClientMessageId, m.Text)));
        foreach (var (side, role) in new[] { (customer, SenderRole.Customer), (staff, SenderRole.Agent) })
        {
            var stored = agentView.Where(m => m.Kind == MessageKind.Text && m.SenderRole == role && side.Sent.Any(s => s.Id == m.ClientMessageId));
            Assert.Equal(side.Sent.OrderBy(s => s.Id), stored.Select(m => (m.ClientMessageId!, m.Text)).OrderBy(s => s.Item1));
            Assert.All(side.Acknowledged, ack => Assert.Equal(ack.Key, agentView[(int)ack.Value.Seq - 1].ClientMessageId));
            Assert.Empty(side.Conflicts);
        }
    }

    [SkippableFact]
    public async Task RedisRestarted_PresenceQueueAndLoadAreRightWithinOneHeartbeat()
    {
        await using var cluster = await HubCluster.StartAsync(output);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var (agent, _, held, _, _) = await StartChatAsync(cluster, capacity: 1);
        var waiting = await (await a.Clients.ConnectCustomerAsync((await a.Clients.CreateVisitorAsync()).Token)).StartAsync("Still there?");
        Assert.Contains(await agent.GetQueueAsync(), q => q.ConversationId == waiting.ConversationId); // Ada is full: it waits

        await cluster.Redis.StopAsync();
        await a.WaitForHealthAsync(HttpStatusCode.ServiceUnavailable, OutageTimeout);
        await cluster.Redis.RestartAsync();
        await a.WaitForHealthAsync(HttpStatusCode.OK, OutageTimeout);
        await b.WaitForHealthAsync(HttpStatusCode.OK, OutageTimeout);

        // Ada's console does nothing but its next heartbeat; everything must be right before the one after it.
        await agent.HeartbeatAsync();
        var window = Stopwatch.StartNew();
        var presence = await PollAsync(agent.GetPresenceAsync, p => p.Status == PresenceStatus.Available && p.ChatLoad == 1, window);
        Assert.Equal((PresenceStatus.Available, 1, 1), (presence.Status, presence.ChatLoad, presence.LiveConnections));
        var queue = await PollAsync(agent.GetQueueAsync, q => q.Any(i => i.ConversationId == waiting.ConversationId), window);
        Assert.Contains(queue, q => q.ConversationId == waiting.ConversationId);

        var newcomer = await (await a.Clients.ConnectCustomerAsync((await a.Clients.CreateVisitorAsync()).Token)).StartAsync("Hello?");
        Assert.True(newcomer.AgentsAvailable); // not sent to the leave-a-message form
        Assert.Contains(await agent.GetQueueAsync(), q => q.ConversationId == newcomer.ConversationId);

        await agent.ResolveAsync(held, "Done.");
        await agent.Offers.WaitForAsync(o => o.ConversationId == waiting.ConversationId, HeartbeatInterval - window.Elapsed);
    }

    private static async Task<(AgentClient Agent, CustomerClient Customer, string ConversationId, ClientLedger CustomerSide, ClientLedger AgentSide)> StartChatAsync(
        HubCluster cluster, int capacity)
    {
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var agent = await b.Clients.ConnectAgentAsync((await cluster.CreateAgentAsync(b, "Ada", capacity: capacity)).Token);
        await agent.SetPresenceAsync(PresenceStatus.Available);
        var customer = await a.Clients.ConnectCustomerAsync((await a.Clients.CreateVisitorAsync()).Token);
        var started = await customer.StartAsync("My export fails");
        await agent.Offers.WaitForAsync(o => o.ConversationId == started.ConversationId);
        var accepted = await agent.AcceptAsync(started.ConversationId);
        var (customerSide, agentSide) = (new ClientLedger(), new ClientLedger());
        customerSide.Receive([started.Message]);
        agentSide.Receive(accepted.Messages);
        return (agent, customer, started.ConversationId, customerSide, agentSide);
    }

    private static void Write(ClientLedger customer, ClientLedger staff, string phase, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            customer.Write($"customer {phase} {i}");
            staff.Write($"agent {phase} {i}");
        }
    }

    /// <summary>Sends both outboxes until they are empty, retrying what fails as a client would, for a bounded time.</summary>
    private static async Task SendAllAsync(ClientLedger customer, ClientLedger staff, AgentClient agent, CustomerClient customerClient, string id)
    {
        var deadline = Stopwatch.StartNew();
        while (customer.Pending.Count + staff.Pending.Count > 0)
        {
            Assert.True(deadline.Elapsed < OutageTimeout, $"Outboxes not empty after {OutageTimeout}: customer {customer.Pending.Count}, agent {staff.Pending.Count}.");
            await Task.WhenAll(
                customer.SendPendingAsync((messageId, text) => customerClient.SendAsync(id, text, messageId), InFlight),
                staff.SendPendingAsync((messageId, text) => agent.SendAsync(id, text, messageId), InFlight));
            if (customer.Pending.Count + staff.Pending.Count > 0)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>One side writes a line every half second until one of them reaches the other side as a live event.</summary>
    private static async Task UntilLiveAsync(
        ClientLedger customer, ClientLedger staff, AgentClient agent, CustomerClient customerClient, string id, string from, EventLog<MessageDto> receiver)
    {
        var sender = from == "customer" ? customer : staff;
        var deadline = Stopwatch.StartNew();
        for (var probe = 1; ; probe++)
        {
            sender.Write($"{from} probe {probe}");
            await SendAllAsync(customer, staff, agent, customerClient, id);
            var probeId = sender.Sent[^1].Id;
            try
            {
                await receiver.WaitForAsync(m => m.ClientMessageId == probeId, TimeSpan.FromMilliseconds(500));
                return;
            }
            catch (TimeoutException) when (deadline.Elapsed < LiveTimeout)
            {
            }
        }
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, Stopwatch window)
    {
        while (true)
        {
            var value = await read();
            if (done(value) || window.Elapsed >= HeartbeatInterval)
            {
                return value;
            }

            await Task.Delay(200);
        }
    }
}

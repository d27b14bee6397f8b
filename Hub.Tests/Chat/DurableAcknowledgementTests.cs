using Microsoft.Extensions.DependencyInjection;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Infrastructure.LiteDb;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Chat;

/// <summary>
/// "Acknowledged" means "on disk": with <c>Hub:Storage:Durability</c> at its default the sender's answer
/// and the other side's <c>MessageReceived</c> wait for the fsync after the commit. The fsync is a
/// hook here that the test holds closed.
/// </summary>
public sealed class DurableAcknowledgementTests
{
    [Fact]
    public async Task ASend_IsStoredButNeitherAnsweredNorDelivered_UntilTheFsyncAfterItIsDone()
    {
        var disk = new HeldDisk();
        await using var server = HubServer.Start(settings: Durability("Fsync"), services: s => s.AddSingleton<IDiskSync>(disk));
        var (customer, otherTab, agent, id) = await StartClaimedAsync(server);

        disk.Hold();
        Task<SendMessageResult> send;
        try
        {
            send = customer.SendAsync(id, "Is this on disk?", "durable-1");
            await disk.Entered.WaitAsync(HubServer.Timeout);
            var stored = await WaitUntilStoredAsync(otherTab, id, "Is this on disk?"); // committed, visible to a read

            Assert.True(stored);
            Assert.False(send.IsCompleted, "the sender was answered before the fsync");
            Assert.DoesNotContain(agent.Messages.Snapshot(), m => m.Text == "Is this on disk?");
        }
        finally
        {
            disk.Open();
        }

        var answer = await send;
        Assert.False(answer.Duplicate);
        await agent.Messages.WaitForAsync(m => m.Text == "Is this on disk?");
    }

    [Fact]
    public async Task WithDurabilityNone_ASend_IsAnsweredWithoutAnyFsync()
    {
        var disk = new HeldDisk();
        await using var server = HubServer.Start(settings: Durability("None"), services: s => s.AddSingleton<IDiskSync>(disk));
        var (customer, _, agent, id) = await StartClaimedAsync(server);

        disk.Hold();
        var answer = await customer.SendAsync(id, "Fast and loose.");

        Assert.False(answer.Duplicate);
        await agent.Messages.WaitForAsync(m => m.Text == "Fast and loose.");
        Assert.Equal(0, disk.Calls);
        disk.Open();
    }

    [Fact]
    public void AnUnknownDurability_StopsTheServerFromStarting()
    {
        var failure = Record.Exception(() => HubServer.Start(settings: Durability("sometimes")));

        Assert.NotNull(failure);
        Assert.Contains("Durability", failure.ToString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Durability(string value) => new() { ["Hub:Storage:Durability"] = value };

    private static async Task<(CustomerClient Customer, CustomerClient OtherTab, AgentClient Agent, string Id)> StartClaimedAsync(HubServer server)
    {
        var login = await server.CreateAgentAsync("Ada");
        var agent = await server.ConnectAgentAsync(login.Token);
        var visitor = await server.CreateVisitorAsync();
        var customer = await server.ConnectCustomerAsync(visitor.Token);
        var otherTab = await server.ConnectCustomerAsync(visitor.Token);
        var id = (await customer.StartAsync("Hello")).ConversationId;
        await agent.ClaimAsync(id);
        return (customer, otherTab, agent, id);
    }

    /// <summary>Resume on a second connection (reads do not wait for fsyncs), at most 100 times.</summary>
    private static async Task<bool> WaitUntilStoredAsync(CustomerClient reader, string id, string text)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await reader.ResumeAsync(id, 0)).Messages.Any(m => m.Text == text))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>An fsync that does nothing, and blocks while held.</summary>
    private sealed class HeldDisk : IDiskSync
    {
        private volatile TaskCompletionSource open = Opened();
        private int calls;

        public SemaphoreSlim Entered { get; } = new(0);

        public int Calls => Volatile.Read(ref calls);

        public void Hold() => open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => open.TrySetResult();

        private static TaskCompletionSource Opened()
        {
            var opened = new TaskCompletionSource();
            opened.SetResult();
            return opened;
        }

        public void Sync()
        {
            Interlocked.Increment(ref calls);
            if (!open.Task.IsCompleted)
            {
                Entered.Release();
                open.Task.Wait(TimeSpan.FromSeconds(30));
            }
        }
    }
}

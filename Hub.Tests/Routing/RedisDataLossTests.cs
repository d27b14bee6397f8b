using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Routing;

/// <summary>
/// Redis loses the routing state while the node keeps running (flushed, or restarted without
/// persistence): the node notices and rebuilds it, and the console's next heartbeat brings the agent
/// back, so presence and queues are right again within one heartbeat. A private redis-server each.
/// </summary>
public sealed class RedisDataLossTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RedisLosingItsData_WhileTheNodeRuns_IsRepairedByTheNextHeartbeat(bool restartRedis)
    {
        using var redis = await RedisServer.StartAsync();
        await using var server = HubServer.Start(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Hub:Redis:KeyPrefix"] = "loss:",
            ["Hub:Routing:SweepInterval"] = "00:00:00.100",
        });
        var login = await server.CreateAgentAsync("Ada", [1], capacity: 1);
        var agent = await server.ConnectAgentAsync(login.Token);
        await agent.SetPresenceAsync(PresenceStatus.Available);

        var held = await StartAsync(server, "Held when Redis lost its data");
        await agent.Offers.WaitForAsync(o => o.ConversationId == held.ConversationId);
        await agent.AcceptAsync(held.ConversationId);
        var waiting = await StartAsync(server, "Waiting when Redis lost its data");
        await waiting.Customer.Positions.WaitForAsync(p => p.ConversationId == waiting.ConversationId);

        if (restartRedis)
        {
            await redis.RestartAsync();
        }
        else
        {
            await redis.FlushAllAsync();
        }

        // The console's next heartbeat that reaches Redis (a restarted one takes a moment to be reconnected to).
        await RetryAsync(() => agent.Connection.InvokeAsync(nameof(AgentHub.Heartbeat)));

        // No more heartbeats from here: the agent is back with its status, and its load is the held conversation.
        var state = server.Service<IRoutingState>();
        await WaitUntilAsync(async () =>
        {
            var presence = await agent.Connection.InvokeAsync<PresenceDto>(nameof(AgentHub.GetPresence));
            return (presence.Status, presence.LiveConnections) == (PresenceStatus.Available, 1)
                && (await state.GetLoadAsync(login.Agent.Id)).SequenceEqual([held.ConversationId]);
        });

        // The waiting conversation is queued again; it reaches the agent once the held one no longer fills its capacity.
        await WaitUntilAsync(async () => (await state.GetTasksAsync()).Any(t => t.ConversationId == waiting.ConversationId));
        Assert.DoesNotContain(agent.Offers.Snapshot(), o => o.ConversationId == waiting.ConversationId);
        await agent.ResolveAsync(held.ConversationId, "Answered.");
        await agent.Offers.WaitForAsync(o => o.ConversationId == waiting.ConversationId);
        await agent.AcceptAsync(waiting.ConversationId);
    }

    private static async Task<(CustomerClient Customer, string ConversationId)> StartAsync(HubServer server, string text)
    {
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        return (customer, (await customer.StartAsync(text)).ConversationId);
    }

    private static async Task RetryAsync(Func<Task> call)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            try
            {
                await call().WaitAsync(HubServer.Timeout);
                return;
            }
            catch (HubException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await condition().WaitAsync(HubServer.Timeout))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not repaired within {Bound}.");
            await Task.Delay(100);
        }
    }
}

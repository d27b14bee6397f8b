using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;
using Xunit.Abstractions;

namespace SupportHub.Tests.Routing;

/// <summary>
/// Two routers (two nodes, each with its own Redis connection and routing engine, as two Hub.Server
/// hosts run them) on one Redis, with 500 conversations and 50 agents arriving and leaving at once.
/// </summary>
public sealed class RoutingRaceTests(ITestOutputHelper output)
{
    private const int Conversations = 500;
    private const int Agents = 50;
    private const int Capacity = 3;

    [Fact]
    public async Task TwoRoutersOnOneRedis_NeverAssignTwice_NeverOverfill_AndLeaveNoneWaitingWhileAnAgentIsFree()
    {
        await using var nodeA = await RedisStateHost.StartAsync();
        await using var nodeB = await RedisStateHost.StartAsync(nodeA.Prefix);
        var options = new RoutingOptions
        {
            OfferTimeout = TimeSpan.FromSeconds(30),
            GracePeriod = TimeSpan.FromMinutes(5),
            Workflow = [new WorkflowTarget { Level = 1, Skills = SkillExpression.Any, Timeout = TimeSpan.FromHours(1) }],
        };
        var accepted = new ConcurrentDictionary<string, string>();
        var doubleAssignments = new ConcurrentBag<string>();
        var overCapacity = new ConcurrentBag<string>();
        var states = new[] { nodeA.State, nodeB.State };
        using var engineA = Engine(nodeA.State);
        using var engineB = Engine(nodeB.State);
        var agentIds = Enumerable.Range(0, Agents).Select(i => $"agent-{i:D2}").ToList();
        var start = TimeProvider.System.GetUtcNow();

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var routers = new[] { RouteUntilDoneAsync(engineA), RouteUntilDoneAsync(engineB) };
        var arrivals = Task.WhenAll(Enumerable.Range(0, Conversations).Select(i => Task.Run(() => states[i % 2].EnqueueAsync(new RoutingTask
        {
            ConversationId = $"conv-{i:D3}",
            Channel = Channel.Chat,
            EnqueuedAt = start.AddMilliseconds(i),
            TargetSince = start,
        }))));
        var staff = Task.WhenAll(agentIds.Select((id, i) => Task.Run(() => AgentLifeAsync(id, states[i % 2], i))));
        await Task.WhenAll(arrivals, staff);

        // Everyone is back and available: the routers must hand out all that is left.
        while (!stop.IsCancellationRequested && accepted.Count < Conversations)
        {
            await Task.Delay(50, stop.Token);
            await FinishSomeAsync(nodeA.State);
        }

        await stop.CancelAsync();
        await Task.WhenAll(routers);
        output.WriteLine($"accepted {accepted.Count} of {Conversations}");

        Assert.Empty(doubleAssignments);
        Assert.Empty(overCapacity);
        Assert.Equal(Conversations, accepted.Count);
        Assert.Empty(await nodeB.State.GetTasksAsync());

        RoutingEngine Engine(IRoutingState state) => new(
            state, Microsoft.Extensions.Options.Options.Create(options), new AcceptingNotifier(state, accepted, doubleAssignments),
            TimeProvider.System, NullLogger<RoutingEngine>.Instance);

        async Task RouteUntilDoneAsync(RoutingEngine engine)
        {
            while (!stop.IsCancellationRequested)
            {
                await engine.RunPassAsync();
                var holders = new Dictionary<string, string>();
                foreach (var agent in await nodeA.State.GetAgentsAsync(TimeProvider.System.GetUtcNow()))
                {
                    if (agent.ChatLoad > agent.ChatCapacity)
                    {
                        overCapacity.Add($"{agent.AgentId}: {agent.ChatLoad}/{agent.ChatCapacity}");
                    }

                    foreach (var held in await nodeA.State.GetLoadAsync(agent.AgentId))
                    {
                        // An accepted conversation never moves (its task is gone), so seeing it with two agents means it was given twice.
                        // (An unaccepted offer may move between the reads of two agents, so only accepted ones count.)
                        if (!holders.TryAdd(held, agent.AgentId) && accepted.ContainsKey(held))
                        {
                            doubleAssignments.Add($"{held}: held by {holders[held]} and {agent.AgentId}");
                        }
                    }
                }
            }
        }

        // Arrives, works, leaves (logs out: offers withdrawn, held conversations finish) and comes back.
        async Task AgentLifeAsync(string id, IRoutingState state, int seed)
        {
            var random = new Random(seed);
            var now = TimeProvider.System.GetUtcNow();
            await state.RegisterAgentAsync(new AgentProfileSnapshot(id, id, [1], [], Capacity, 1), now);
            await state.TouchConnectionAsync(id, "c-" + id, now.AddHours(1));
            for (var round = 0; round < 3; round++)
            {
                await state.SetStatusAsync(id, PresenceStatus.Available, TimeProvider.System.GetUtcNow());
                await Task.Delay(random.Next(20, 200));
                await state.SetStatusAsync(id, random.Next(2) == 0 ? PresenceStatus.Away : PresenceStatus.Offline, TimeProvider.System.GetUtcNow());
                foreach (var held in await state.GetLoadAsync(id))
                {
                    var task = await state.GetTaskAsync(held);
                    if (task?.OfferedTo == id)
                    {
                        await state.ReleaseOfferAsync(held, id, missed: false, TimeProvider.System.GetUtcNow());
                    }
                }

                await Task.Delay(random.Next(10, 100));
            }

            await state.SetStatusAsync(id, PresenceStatus.Available, TimeProvider.System.GetUtcNow());
        }

        // Agents finish conversations, so capacity frees up and the rest can be routed.
        async Task FinishSomeAsync(IRoutingState state)
        {
            foreach (var id in agentIds)
            {
                foreach (var held in await state.GetLoadAsync(id))
                {
                    if (accepted.ContainsKey(held))
                    {
                        await state.ReleaseAssignmentAsync(held, Channel.Chat, id, TimeProvider.System.GetUtcNow());
                    }
                }
            }
        }
    }

    /// <summary>Every agent accepts every offer at once; an accept that succeeds twice for one conversation is recorded.</summary>
    private sealed class AcceptingNotifier(
        IRoutingState state, ConcurrentDictionary<string, string> accepted, ConcurrentBag<string> doubleAssignments) : IRoutingNotifier
    {
        public async Task OfferCreatedAsync(RoutingTask task, string agentId, DateTimeOffset deadline)
        {
            if (await state.TryAcceptAsync(task.ConversationId, agentId, TimeProvider.System.GetUtcNow())
                && !accepted.TryAdd(task.ConversationId, agentId))
            {
                doubleAssignments.Add($"{task.ConversationId}: {accepted[task.ConversationId]} and {agentId}");
            }
        }

        public Task OfferExpiredAsync(RoutingTask task, string agentId) => Task.CompletedTask;

        public Task OfferWithdrawnAsync(string conversationId, string agentId) => Task.CompletedTask;

        public Task PresenceChangedAsync(string agentId, PresenceStatus status) => Task.CompletedTask;

        public Task TaskRetargetedAsync(RoutingTask task, int fromLevel, int toLevel) => Task.CompletedTask;

        public Task AgentWentOfflineAsync(string agentId, IReadOnlyList<string> conversationIds) => Task.CompletedTask;

        public Task QueueObservedAsync(IReadOnlyList<RoutingTask> queue, IReadOnlyList<AgentPresence> agents) => Task.CompletedTask;
    }
}

using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Routing;

/// <summary>
/// Two hub nodes, each with its own connection, on one Redis and one key prefix: the Lua scripts
/// must keep every step atomic across them.
/// </summary>
public sealed class RedisRoutingNodesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private RedisStateHost first = null!;
    private RedisStateHost second = null!;

    private IRoutingState A => first.State;

    private IRoutingState B => second.State;

    public async Task InitializeAsync()
    {
        first = await RedisStateHost.StartAsync();
        second = await RedisStateHost.StartAsync(first.Prefix);
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    [Fact]
    public async Task TwoNodesRacing200Reserves_NeverOfferATaskTwice_NorFillAnAgentPastCapacity()
    {
        var agents = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => AgentAsync(A, chatCapacity: 2)));
        var tasks = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => TaskAsync(B)));
        var random = new Random(2026);
        var attempts = Enumerable.Range(0, 200)
            .Select(i => (Node: i % 2 == 0 ? A : B, Task: tasks[random.Next(tasks.Length)], Agent: agents[random.Next(agents.Length)]))
            .ToList();

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = attempts.Select(a => Task.Run(async () =>
        {
            await go.Task;
            return await a.Node.TryReserveAsync(a.Task, a.Agent, T0.AddSeconds(30), T0);
        })).ToList();
        go.SetResult();
        var won = await Task.WhenAll(running);

        var wins = attempts.Where((_, i) => won[i]).ToList();
        Assert.NotEmpty(wins);
        Assert.Equal(wins.Count, wins.Select(w => w.Task).Distinct().Count());
        foreach (var win in wins)
        {
            Assert.Equal(win.Agent, (await A.GetTaskAsync(win.Task))!.OfferedTo);
        }

        var presences = await B.GetAgentsAsync(T0);
        Assert.Equal(50, presences.Count);
        Assert.All(presences, p => Assert.InRange(p.ChatLoad, 0, 2));
        Assert.Equal(wins.Count, presences.Sum(p => p.ChatLoad));
        foreach (var agent in agents)
        {
            Assert.Equal(
                wins.Where(w => w.Agent == agent).Select(w => w.Task).Order(StringComparer.Ordinal),
                (await A.GetLoadAsync(agent)).Order(StringComparer.Ordinal));
        }

        var offered = (await B.GetTasksAsync()).Where(t => t.OfferedTo is not null).Select(t => t.ConversationId);
        Assert.Equal(wins.Select(w => w.Task).Order(StringComparer.Ordinal), offered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AcceptRacingTheExpirySweep_EitherAssignsOrReleases_NeverBoth()
    {
        var agent = await AgentAsync(A, chatCapacity: 40);
        var tasks = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => TaskAsync(A)));
        foreach (var task in tasks)
        {
            Assert.True(await A.TryReserveAsync(task, agent, T0.AddSeconds(30), T0));
        }

        // At the deadline itself an accept still counts, and the sweep already sees an offer it may release.
        var outcomes = await Task.WhenAll(tasks.Select(async task =>
        {
            var accept = Task.Run(() => A.TryAcceptAsync(task, agent, T0.AddSeconds(30)));
            var release = Task.Run(() => B.ReleaseOfferAsync(task, agent, missed: true, T0.AddSeconds(30)));
            return (Task: task, Accepted: await accept, Released: (await release).Released);
        }));

        Assert.All(outcomes, o => Assert.True(o.Accepted ^ o.Released));
        var accepted = outcomes.Where(o => o.Accepted).Select(o => o.Task).ToHashSet();
        foreach (var outcome in outcomes)
        {
            var task = await B.GetTaskAsync(outcome.Task);
            Assert.Equal(outcome.Released, task is { OfferedTo: null });
        }

        var load = await B.GetLoadAsync(agent);
        Assert.Equal(accepted.Order(StringComparer.Ordinal), load.Order(StringComparer.Ordinal));
        Assert.Empty(await A.GetExpiredOffersAsync(T0.AddHours(1)));
    }

    [Fact]
    public async Task ClaimsRacingReserves_ForTheLastFreeSlot_LetExactlyOneConversationIn()
    {
        var agent = await AgentAsync(A, chatCapacity: 1);
        var tasks = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => TaskAsync(B)));

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = tasks.SelectMany(task => new[]
        {
            Task.Run(async () => { await go.Task; return (Task: task, Won: await A.TryAssignAsync(task, Channel.Chat, agent, T0)); }),
            Task.Run(async () => { await go.Task; return (Task: task, Won: await B.TryReserveAsync(task, agent, T0.AddSeconds(30), T0)); }),
        }).ToList();
        go.SetResult();

        // Claiming the conversation the agent was just offered is fine: both steps may win, for one conversation.
        var winner = Assert.Single((await Task.WhenAll(running)).Where(r => r.Won).Select(r => r.Task).Distinct());
        Assert.Equal([winner], await B.GetLoadAsync(agent));
    }

    [Fact]
    public async Task TwoPrefixes_OnOneRedis_SeeNothingOfEachOther()
    {
        await using var other = await RedisStateHost.StartAsync();
        var agent = await AgentAsync(A);
        var task = await TaskAsync(A);
        await A.TryReserveAsync(task, agent, T0.AddSeconds(30), T0);

        Assert.Empty(await other.State.GetAgentsAsync(T0));
        Assert.Empty(await other.State.GetTasksAsync());
        Assert.Empty(await other.State.GetExpiredOffersAsync(T0.AddHours(1)));
        Assert.Empty(await other.KeysAsync());
        Assert.All(await first.KeysAsync(), key => Assert.StartsWith(first.Prefix, key.ToString(), StringComparison.Ordinal));
        Assert.NotEmpty(await first.KeysAsync());
    }

    private static async Task<string> AgentAsync(IRoutingState state, int chatCapacity = 2)
    {
        var id = Guid.NewGuid().ToString("N");
        await state.RegisterAgentAsync(new AgentProfileSnapshot(id, "Agent", [1], ["billing"], chatCapacity, 1), T0);
        await state.SetStatusAsync(id, PresenceStatus.Available, T0);
        return id;
    }

    private static async Task<string> TaskAsync(IRoutingState state)
    {
        var id = Guid.NewGuid().ToString("N");
        Assert.True(await state.EnqueueAsync(new RoutingTask { ConversationId = id, Skill = "billing", EnqueuedAt = T0, TargetSince = T0 }));
        return id;
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;

namespace SupportHub.Tests.Routing;

/// <summary>
/// The router's behaviour over a routing-state adapter, with time on a fake clock. Runs in-process
/// and on Redis, so the router decides the same on both.
/// </summary>
public abstract class RoutingEngineContract : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private RoutingEngine? engine;

    protected IRoutingState State { get; private set; } = null!;

    protected RecordingRoutingNotifier Notifier { get; } = new();

    protected RoutingOptions Options { get; } = new()
    {
        OfferTimeout = TimeSpan.FromSeconds(30),
        GracePeriod = TimeSpan.FromSeconds(60),
        HeartbeatTimeout = TimeSpan.FromSeconds(45),
        MaxMissedOffers = 2,
        Workflow =
        [
            new WorkflowTarget { Level = 1, Timeout = TimeSpan.FromSeconds(60), SkipIfNobodyAvailable = true },
            new WorkflowTarget { Level = 2, Timeout = TimeSpan.FromSeconds(120) },
            new WorkflowTarget { Level = 3, Timeout = TimeSpan.FromMinutes(10) },
        ],
    };

    protected DateTimeOffset Now => clock.GetUtcNow();

    protected RoutingEngine Engine => engine ??= new RoutingEngine(
        State, Microsoft.Extensions.Options.Options.Create(Options), Notifier, clock, NullLogger<RoutingEngine>.Instance);

    protected abstract Task<IRoutingState> CreateStateAsync();

    public async Task InitializeAsync() => State = await CreateStateAsync();

    public virtual Task DisposeAsync()
    {
        engine?.Dispose();
        return Task.CompletedTask;
    }

    protected void Advance(TimeSpan by) => clock.Advance(by);

    protected async Task<string> AgentAsync(int[] levels, string[]? skills = null, int capacity = 2, PresenceStatus status = PresenceStatus.Available)
    {
        var id = Guid.NewGuid().ToString("N");
        await State.RegisterAgentAsync(new AgentProfileSnapshot(id, id[..6], levels, skills ?? ["billing"], capacity, 1), Now);
        await State.TouchConnectionAsync(id, "c-" + id, Now + TimeSpan.FromHours(1));
        await State.SetStatusAsync(id, status, Now);
        return id;
    }

    protected async Task<string> TaskAsync(string? skill = "billing", int priority = 0, string? preferred = null, int targetIndex = 0, int level = 1)
    {
        var id = Guid.NewGuid().ToString("N");
        await State.EnqueueAsync(new RoutingTask
        {
            ConversationId = id,
            Channel = Channel.Chat,
            Skill = skill,
            Priority = priority,
            TargetIndex = targetIndex,
            Level = level,
            EnqueuedAt = Now,
            TargetSince = Now,
            PreferredAgentId = preferred,
            PreferredUntil = preferred is null ? null : Now.AddSeconds(30),
        });
        return id;
    }

    [SkippableFact]
    public async Task Offers_GoToTheFirstLevelOfTheWorkflow_ThenToAgentsWithTheSkill()
    {
        var second = await AgentAsync([2]);
        var firstWrongSkill = await AgentAsync([1], ["technical"]);
        var first = await AgentAsync([1], ["billing"]);
        var task = await TaskAsync("billing");

        await Engine.RunPassAsync();

        Assert.Equal(first, Notifier.OfferFor(task));
        Assert.DoesNotContain(Notifier.Offers, o => o.AgentId == second || o.AgentId == firstWrongSkill);
    }

    [SkippableFact]
    public async Task Offers_RespectCapacity_PriorityAndLongestIdle()
    {
        var longIdle = await AgentAsync([1], capacity: 1);
        Advance(TimeSpan.FromSeconds(10));
        var recent = await AgentAsync([1], capacity: 1);
        var normal = await TaskAsync();
        Advance(TimeSpan.FromSeconds(1));
        var urgent = await TaskAsync(priority: 5);
        var third = await TaskAsync();

        await Engine.RunPassAsync();

        Assert.Equal(longIdle, Notifier.OfferFor(urgent)); // highest priority first, to the longest idle agent
        Assert.Equal(recent, Notifier.OfferFor(normal));
        Assert.Null(Notifier.OfferFor(third)); // both are full: offers count against capacity
        Assert.All(await State.GetAgentsAsync(Now), a => Assert.True(a.ChatLoad <= a.ChatCapacity));
    }

    [SkippableFact]
    public async Task AnOfferThatTimesOut_GoesToTheNextAgent_AndRepeatedMissesSetTheAgentAway()
    {
        var sleepy = await AgentAsync([1]);
        Advance(TimeSpan.FromSeconds(1));
        var awake = await AgentAsync([1]);
        var first = await TaskAsync();

        await Engine.RunPassAsync();
        Assert.Equal(sleepy, Notifier.OfferFor(first));
        Advance(Options.OfferTimeout + TimeSpan.FromSeconds(1));
        await Engine.RunPassAsync();

        Assert.Contains((first, sleepy), Notifier.Expired);
        Assert.Equal(awake, Notifier.OfferFor(first));
        Assert.True(await State.TryAcceptAsync(first, awake, Now));

        var second = await TaskAsync();
        await State.TryReserveAsync(second, sleepy, Now + Options.OfferTimeout, Now);
        Advance(Options.OfferTimeout + TimeSpan.FromSeconds(1));
        await Engine.RunPassAsync();
        Assert.Equal(PresenceStatus.Away, (await State.GetAgentAsync(sleepy, Now))!.Status);
        Assert.Contains((sleepy, PresenceStatus.Away), Notifier.Presence);
    }

    [SkippableFact]
    public async Task ADeclinedOffer_GoesToTheNextAgent()
    {
        var first = await AgentAsync([1]);
        Advance(TimeSpan.FromSeconds(1));
        var second = await AgentAsync([1]);
        var task = await TaskAsync();
        await Engine.RunPassAsync();
        Assert.Equal(first, Notifier.OfferFor(task));

        await State.ReleaseOfferAsync(task, first, missed: false, Now);
        await State.SetStatusAsync(first, PresenceStatus.Busy, Now);
        await Engine.RunPassAsync();

        Assert.Equal(second, Notifier.OfferFor(task));
        Assert.Equal(0, (await State.GetAgentAsync(first, Now))!.MissedOffers);
    }

    [SkippableFact]
    public async Task NobodyAvailableAtLevelOne_SkipsStraightToLevelTwo()
    {
        await AgentAsync([1], status: PresenceStatus.Away);
        var secondLevel = await AgentAsync([2]);
        var task = await TaskAsync();

        await Engine.RunPassAsync();

        Assert.Equal(secondLevel, Notifier.OfferFor(task));
        Assert.Contains((task, 1, 2), Notifier.Retargeted);
        Assert.Equal(2, (await State.GetTaskAsync(task))!.Level);
    }

    [SkippableFact]
    public async Task ATargetThatTimesOut_EscalatesTheTaskToTheNextLevel()
    {
        var firstLevel = await AgentAsync([1], capacity: 1);
        var secondLevel = await AgentAsync([2]);
        var occupying = await TaskAsync();
        await Engine.RunPassAsync();
        Assert.True(await State.TryAcceptAsync(occupying, firstLevel, Now));
        var waiting = await TaskAsync();

        Advance(TimeSpan.FromSeconds(59));
        await Engine.RunPassAsync();
        Assert.Null(Notifier.OfferFor(waiting)); // level 1 is online but full: wait for it

        Advance(TimeSpan.FromSeconds(1));
        await Engine.RunPassAsync();
        Assert.Contains((waiting, 1, 2), Notifier.Retargeted);
        Assert.Equal(secondLevel, Notifier.OfferFor(waiting));
    }

    [SkippableFact]
    public async Task StickyRouting_WaitsForTheLastAgent_ThenFallsBack_AndNeverWaitsForAnOfflineOne()
    {
        var last = await AgentAsync([1], capacity: 1);
        var other = await AgentAsync([1]);
        var filler = await TaskAsync();
        await State.TryAssignAsync(filler, Channel.Chat, last, Now); // the last agent is busy for now
        var returning = await TaskAsync(preferred: last);

        await Engine.RunPassAsync();
        Assert.Null(Notifier.OfferFor(returning));

        await State.ReleaseAssignmentAsync(filler, Channel.Chat, last, Now);
        await Engine.RunPassAsync();
        Assert.Equal(last, Notifier.OfferFor(returning));
        Assert.True(await State.TryAcceptAsync(returning, last, Now));

        var gone = await AgentAsync([1], status: PresenceStatus.Offline);
        var toOffline = await TaskAsync(preferred: gone);
        await Engine.RunPassAsync();
        Assert.Equal(other, Notifier.OfferFor(toOffline));
        Assert.True(await State.TryAcceptAsync(toOffline, other, Now));

        await State.SetStatusAsync(last, PresenceStatus.Busy, Now);
        var timedOut = await TaskAsync(preferred: last);
        await Engine.RunPassAsync();
        Assert.Null(Notifier.OfferFor(timedOut));
        Advance(TimeSpan.FromSeconds(31));
        await Engine.RunPassAsync();
        Assert.Equal(other, Notifier.OfferFor(timedOut));
    }

    [SkippableFact]
    public async Task AnAgentWithoutConnections_StaysThroughTheGracePeriod_ThenItsConversationsGoFirstInLine()
    {
        var leaving = await AgentAsync([1]);
        var held = await TaskAsync();
        await Engine.RunPassAsync();
        Assert.True(await State.TryAcceptAsync(held, leaving, Now));
        var heldSince = Now;
        Advance(TimeSpan.FromSeconds(5));
        var newer = await TaskAsync();
        await State.DropConnectionAsync(leaving, "c-" + leaving, Now);

        Advance(Options.GracePeriod - TimeSpan.FromSeconds(1));
        await Engine.RunPassAsync();
        Assert.Equal(PresenceStatus.Available, (await State.GetAgentAsync(leaving, Now))!.Status);
        Assert.Empty(Notifier.WentOffline);
        Assert.Null(Notifier.OfferFor(newer)); // no offers to an agent nobody can see them on

        Advance(TimeSpan.FromSeconds(1));
        await Engine.RunPassAsync();
        Assert.Equal(PresenceStatus.Offline, (await State.GetAgentAsync(leaving, Now))!.Status);
        var (agentId, conversations) = Assert.Single(Notifier.WentOffline);
        Assert.Equal(leaving, agentId);
        Assert.Equal([held], conversations);

        // What the chat side does with them: back in the queue with their first queue time.
        await Engine.RequeueAsync(new RoutingTask { ConversationId = held, Channel = Channel.Chat, Skill = "billing", EnqueuedAt = heldSince, TargetSince = Now }, leaving);
        var taker = await AgentAsync([1], capacity: 1);
        await Engine.RunPassAsync();
        Assert.Equal(taker, Notifier.OfferFor(held)); // first in line, ahead of the newer conversation
        Assert.Null(Notifier.OfferFor(newer));
        Assert.Empty(await State.GetLoadAsync(leaving));
    }

    [SkippableFact]
    public async Task HeartbeatsKeepAnAgentOnline_AndLoggingOutIsImmediate()
    {
        var agent = await AgentAsync([1]);
        var held = await TaskAsync();
        await Engine.RunPassAsync();
        await State.TryAcceptAsync(held, agent, Now);
        for (var i = 0; i < 5; i++)
        {
            Advance(TimeSpan.FromSeconds(40));
            await State.TouchConnectionAsync(agent, "c-" + agent, Now + Options.HeartbeatTimeout);
            await Engine.RunPassAsync();
        }

        Assert.Equal(PresenceStatus.Available, (await State.GetAgentAsync(agent, Now))!.Status);
        await Engine.SetStatusAsync(agent, PresenceStatus.Offline);
        var (offlineAgent, handedOver) = Assert.Single(Notifier.WentOffline);
        Assert.Equal(agent, offlineAgent);
        Assert.Equal([held], handedOver);
        Assert.Equal(PresenceStatus.Offline, (await State.GetAgentAsync(agent, Now))!.Status);
    }
}

public sealed class InProcessRoutingEngineTests : RoutingEngineContract
{
    protected override Task<IRoutingState> CreateStateAsync() =>
        Task.FromResult<IRoutingState>(new SupportHub.Server.Infrastructure.InProcess.InProcessRoutingState());
}

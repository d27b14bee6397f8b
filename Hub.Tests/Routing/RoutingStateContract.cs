using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;

namespace SupportHub.Tests.Routing;

/// <summary>The routing-state port's contract; RoutingStateTests runs it in-process and on Redis.</summary>
public abstract partial class RoutingStateContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    protected IRoutingState State { get; private set; } = null!;

    protected abstract Task<IRoutingState> CreateStateAsync();

    public async Task InitializeAsync() => State = await CreateStateAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static string NewId() => Guid.NewGuid().ToString("N");

    protected async Task<string> AgentAsync(int chatCapacity = 2, PresenceStatus status = PresenceStatus.Available, DateTimeOffset? at = null, int[]? levels = null)
    {
        var id = NewId();
        await State.RegisterAgentAsync(new AgentProfileSnapshot(id, "Agent " + id[..4], levels ?? [1], ["billing"], chatCapacity, 1), at ?? T0);
        await State.SetStatusAsync(id, status, at ?? T0);
        return id;
    }

    protected async Task<string> TaskAsync(int priority = 0, DateTimeOffset? enqueuedAt = null, Channel channel = Channel.Chat)
    {
        var id = NewId();
        Assert.True(await State.EnqueueAsync(new RoutingTask
        {
            ConversationId = id,
            Channel = channel,
            Skill = "billing",
            Priority = priority,
            Level = 1,
            EnqueuedAt = enqueuedAt ?? T0,
            TargetSince = enqueuedAt ?? T0,
        }));
        return id;
    }

    [SkippableFact]
    public async Task Reserve_NeedsAnAvailableAgentWithRoom_AndAnUnofferedTask()
    {
        var away = await AgentAsync(status: PresenceStatus.Away);
        var single = await AgentAsync(chatCapacity: 1);
        var other = await AgentAsync();
        var first = await TaskAsync();
        var second = await TaskAsync();

        Assert.False(await State.TryReserveAsync(first, away, T0.AddSeconds(30), T0));
        Assert.True(await State.TryReserveAsync(first, single, T0.AddSeconds(30), T0));
        Assert.False(await State.TryReserveAsync(first, other, T0.AddSeconds(30), T0)); // offered already
        Assert.False(await State.TryReserveAsync(second, single, T0.AddSeconds(30), T0)); // full: the offer counts
        Assert.False(await State.TryReserveAsync(NewId(), other, T0.AddSeconds(30), T0)); // no such task

        var task = (await State.GetTaskAsync(first))!;
        Assert.Equal((single, T0.AddSeconds(30)), (task.OfferedTo, task.OfferDeadline!.Value));
        Assert.Equal(1, (await State.GetAgentAsync(single, T0))!.ChatLoad);
        Assert.Equal([first], await State.GetLoadAsync(single));
    }

    [SkippableFact]
    public async Task Accept_BeforeTheDeadline_AssignsAndKeepsTheLoad()
    {
        var agent = await AgentAsync();
        var other = await AgentAsync();
        var task = await TaskAsync();
        await State.TryReserveAsync(task, agent, T0.AddSeconds(30), T0);

        Assert.False(await State.TryAcceptAsync(task, other, T0.AddSeconds(1)));
        Assert.False(await State.TryAcceptAsync(task, agent, T0.AddSeconds(31)));
        Assert.True(await State.TryAcceptAsync(task, agent, T0.AddSeconds(29)));
        Assert.False(await State.TryAcceptAsync(task, agent, T0.AddSeconds(29)));

        Assert.Null(await State.GetTaskAsync(task));
        var presence = (await State.GetAgentAsync(agent, T0.AddSeconds(29)))!;
        Assert.Equal((1, T0.AddSeconds(29)), (presence.ChatLoad, presence.IdleSince));
    }

    [SkippableFact]
    public async Task ReleaseOffer_FreesCapacity_PutsTheTaskBack_AndCountsMissedOffers()
    {
        var agent = await AgentAsync(chatCapacity: 1);
        var first = await TaskAsync();
        var second = await TaskAsync();

        await State.TryReserveAsync(first, agent, T0.AddSeconds(30), T0);
        Assert.Equal([first], (await State.GetExpiredOffersAsync(T0.AddSeconds(31))).Select(t => t.ConversationId));
        Assert.Empty(await State.GetExpiredOffersAsync(T0.AddSeconds(29)));
        Assert.Equal(new ReleaseResult(true, 1), await State.ReleaseOfferAsync(first, agent, missed: true, T0.AddSeconds(31)));
        Assert.Equal(new ReleaseResult(false, 1), await State.ReleaseOfferAsync(first, agent, missed: true, T0.AddSeconds(31)));
        Assert.True(await State.TryReserveAsync(second, agent, T0.AddSeconds(60), T0.AddSeconds(31)));
        Assert.Equal(new ReleaseResult(true, 1), await State.ReleaseOfferAsync(second, agent, missed: false, T0.AddSeconds(32)));

        Assert.Null((await State.GetTaskAsync(first))!.OfferedTo);
        var released = (await State.GetAgentAsync(agent, T0))!;
        Assert.Equal(0, released.ChatLoad);
        Assert.Equal(T0.AddSeconds(32), released.IdleSince); // a released offer sends the agent to the back of the line
        await State.SetStatusAsync(agent, PresenceStatus.Away, T0);
        await State.SetStatusAsync(agent, PresenceStatus.Available, T0.AddSeconds(40));
        Assert.Equal(0, (await State.GetAgentAsync(agent, T0.AddSeconds(40)))!.MissedOffers);
    }

    [SkippableFact]
    public async Task RemoveTask_WithdrawsItsOffer()
    {
        var agent = await AgentAsync(chatCapacity: 1);
        var task = await TaskAsync();
        await State.TryReserveAsync(task, agent, T0.AddSeconds(30), T0);

        var removed = await State.RemoveTaskAsync(task, T0.AddSeconds(1));

        Assert.Equal(agent, removed!.OfferedTo);
        Assert.Null(await State.RemoveTaskAsync(task, T0.AddSeconds(1)));
        Assert.Equal(0, (await State.GetAgentAsync(agent, T0))!.ChatLoad);
    }

    [SkippableFact]
    public async Task TryAssign_RespectsCapacityAndOtherAgentsOffers_AndReleaseIsIdempotent()
    {
        var agent = await AgentAsync(chatCapacity: 1, status: PresenceStatus.Away);
        var rival = await AgentAsync();
        var offeredToRival = await TaskAsync();
        await State.TryReserveAsync(offeredToRival, rival, T0.AddSeconds(30), T0);
        var queued = await TaskAsync();

        Assert.False(await State.TryAssignAsync(offeredToRival, Channel.Chat, agent, T0));
        Assert.True(await State.TryAssignAsync(queued, Channel.Chat, agent, T0)); // a claim works whatever the status
        Assert.True(await State.TryAssignAsync(queued, Channel.Chat, agent, T0)); // holding it already
        Assert.False(await State.TryAssignAsync(NewId(), Channel.Chat, agent, T0)); // full
        Assert.True(await State.TryAssignAsync(NewId(), Channel.Voice, agent, T0)); // voice has its own capacity
        Assert.Null(await State.GetTaskAsync(queued));

        await State.ReleaseAssignmentAsync(queued, Channel.Chat, agent, T0);
        await State.ReleaseAssignmentAsync(queued, Channel.Chat, agent, T0);
        var presence = (await State.GetAgentAsync(agent, T0))!;
        Assert.Equal((0, 1), (presence.ChatLoad, presence.VoiceLoad));
    }

    [SkippableFact]
    public async Task TryClaim_TakesOnlyAQueuedTaskThatIsNotOfferedToAnother_SoItNeverBeatsAnAccept()
    {
        var claimer = await AgentAsync(chatCapacity: 2, status: PresenceStatus.Offline);
        var rival = await AgentAsync();
        var offered = await TaskAsync();
        await State.TryReserveAsync(offered, rival, T0.AddSeconds(30), T0);

        Assert.False(await State.TryClaimAsync(offered, claimer, T0)); // a live offer to another agent
        Assert.True(await State.TryAcceptAsync(offered, rival, T0.AddSeconds(1)));
        Assert.False(await State.TryClaimAsync(offered, claimer, T0.AddSeconds(1))); // the accept won: nothing left to take
        Assert.False(await State.TryClaimAsync(NewId(), claimer, T0)); // not queued
        Assert.Equal([offered], await State.GetLoadAsync(rival));

        var own = await TaskAsync();
        await State.SetStatusAsync(claimer, PresenceStatus.Available, T0);
        Assert.True(await State.TryReserveAsync(own, claimer, T0.AddSeconds(30), T0));
        var queued = await TaskAsync();
        Assert.True(await State.TryClaimAsync(queued, claimer, T0.AddSeconds(2))); // whatever the status
        Assert.True(await State.TryClaimAsync(own, claimer, T0.AddSeconds(3))); // its own offer needs no more room
        Assert.False(await State.TryClaimAsync(await TaskAsync(), claimer, T0.AddSeconds(3))); // full
        Assert.True(await State.TryClaimAsync(await TaskAsync(channel: Channel.Voice), claimer, T0.AddSeconds(3)));

        Assert.Null(await State.GetTaskAsync(own));
        Assert.Null(await State.GetTaskAsync(queued));
        Assert.Empty(await State.GetExpiredOffersAsync(T0.AddHours(1)));
        var presence = (await State.GetAgentAsync(claimer, T0))!;
        Assert.Equal((2, 1, T0.AddSeconds(3)), (presence.ChatLoad, presence.VoiceLoad, presence.IdleSince));
    }

    [SkippableFact]
    public async Task ConcurrentClaimsAndAccepts_OfOfferedTasks_AreAllWonByTheOfferedAgent()
    {
        var offered = await AgentAsync(chatCapacity: 20);
        var claimer = await AgentAsync(chatCapacity: 20);
        var tasks = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var task = await TaskAsync();
            Assert.True(await State.TryReserveAsync(task, offered, T0.AddSeconds(30), T0));
            tasks.Add(task);
        }

        var outcomes = await Task.WhenAll(tasks.Select(async task =>
        {
            var claim = Task.Run(() => State.TryClaimAsync(task, claimer, T0.AddSeconds(1)));
            var accept = Task.Run(() => State.TryAcceptAsync(task, offered, T0.AddSeconds(1)));
            return (Claimed: await claim, Accepted: await accept);
        }));

        Assert.All(outcomes, o => Assert.Equal((false, true), (o.Claimed, o.Accepted)));
        Assert.Equal(tasks.Order(StringComparer.Ordinal), (await State.GetLoadAsync(offered)).Order(StringComparer.Ordinal));
        Assert.Empty(await State.GetLoadAsync(claimer));
    }

    [SkippableFact]
    public async Task ReleaseOffer_AsMissed_WaitsForTheDeadline_SoASweepNeverWithdrawsANewerOffer()
    {
        var agent = await AgentAsync();
        var task = await TaskAsync();
        await State.TryReserveAsync(task, agent, T0.AddSeconds(30), T0);

        Assert.Equal(new ReleaseResult(false, 0), await State.ReleaseOfferAsync(task, agent, missed: true, T0.AddSeconds(29)));
        Assert.Equal(agent, (await State.GetTaskAsync(task))!.OfferedTo);
        Assert.Equal(new ReleaseResult(true, 1), await State.ReleaseOfferAsync(task, agent, missed: true, T0.AddSeconds(30)));

        // Released, offered again to the same agent: a sweep that read the first offer as expired withdraws nothing.
        await State.TryReserveAsync(task, agent, T0.AddSeconds(61), T0.AddSeconds(31));
        Assert.Equal(new ReleaseResult(false, 1), await State.ReleaseOfferAsync(task, agent, missed: true, T0.AddSeconds(31)));
        Assert.Equal(new ReleaseResult(true, 1), await State.ReleaseOfferAsync(task, agent, missed: false, T0.AddSeconds(32))); // a decline needs no deadline
    }

    [SkippableFact]
    public async Task Tasks_AreOrderedByPriorityThenAge_AndRetargetOnlyMovesUnofferedTasks()
    {
        var old = await TaskAsync(enqueuedAt: T0);
        var young = await TaskAsync(enqueuedAt: T0.AddSeconds(5));
        var urgent = await TaskAsync(priority: 5, enqueuedAt: T0.AddSeconds(10));
        var agent = await AgentAsync();
        Assert.False(await State.EnqueueAsync(new RoutingTask { ConversationId = old, EnqueuedAt = T0 }));

        var order = (await State.GetTasksAsync()).Select(t => t.ConversationId).Where(id => id == old || id == young || id == urgent);
        Assert.Equal([urgent, old, young], order);

        Assert.True(await State.RetargetAsync(old, 1, 2, T0.AddMinutes(2)));
        Assert.False(await State.RetargetAsync(old, 1, 2, T0.AddMinutes(2))); // a second node's identical move
        Assert.False(await State.RetargetAsync(old, 3, 3, T0.AddMinutes(2))); // not the next target
        var moved = (await State.GetTaskAsync(old))!;
        Assert.Equal((1, 2, T0.AddMinutes(2)), (moved.TargetIndex, moved.Level, moved.TargetSince));
        await State.TryReserveAsync(young, agent, T0.AddSeconds(30), T0);
        Assert.False(await State.RetargetAsync(young, 1, 2, T0));
        Assert.False(await State.RetargetAsync(NewId(), 1, 2, T0));
    }

    [SkippableFact]
    public async Task Presence_CountsLiveConnections_AndKnowsWhenTheLastOneEnded()
    {
        var agent = await AgentAsync(at: T0);
        Assert.Equal(T0, (await State.GetAgentAsync(agent, T0))!.DisconnectedSince); // never connected

        await State.TouchConnectionAsync(agent, "phone", T0.AddSeconds(60));
        await State.TouchConnectionAsync(agent, "laptop", T0.AddSeconds(90));
        var both = (await State.GetAgentAsync(agent, T0.AddSeconds(10)))!;
        Assert.Equal((2, (DateTimeOffset?)null), (both.LiveConnections, both.DisconnectedSince));

        await State.DropConnectionAsync(agent, "laptop", T0.AddSeconds(20));
        var phoneOnly = (await State.GetAgentAsync(agent, T0.AddSeconds(30)))!;
        Assert.Equal((1, (DateTimeOffset?)null), (phoneOnly.LiveConnections, phoneOnly.DisconnectedSince));

        var silent = (await State.GetAgentAsync(agent, T0.AddSeconds(70)))!; // the phone stopped its heartbeats
        Assert.Equal((0, (DateTimeOffset?)T0.AddSeconds(60)), (silent.LiveConnections, silent.DisconnectedSince));

        await State.TouchConnectionAsync(agent, "phone", T0.AddSeconds(140)); // a heartbeat revives it
        Assert.Equal(1, (await State.GetAgentAsync(agent, T0.AddSeconds(80)))!.LiveConnections);
    }

    [SkippableFact]
    public async Task Register_WithAStatus_StartsAnUnknownAgentWithIt_ButNeverChangesAKnownOne()
    {
        var id = NewId();
        var profile = new AgentProfileSnapshot(id, "Restored", [1], ["billing"], 2, 1);
        Assert.False(await State.TouchConnectionAsync(id, "laptop", T0.AddSeconds(60))); // unknown: nothing recorded
        Assert.Null(await State.GetAgentAsync(id, T0));

        await State.RegisterAgentAsync(profile, T0, PresenceStatus.Available);
        var restored = (await State.GetAgentAsync(id, T0.AddSeconds(5)))!;
        Assert.Equal((PresenceStatus.Available, 0, (DateTimeOffset?)T0), (restored.Status, restored.LiveConnections, restored.DisconnectedSince));

        // Every node registering it again at once (a recovery on each), while the agent changes its status.
        var again = Enumerable.Range(0, 20).Select(i => Task.Run(() => State.RegisterAgentAsync(profile, T0.AddSeconds(i), PresenceStatus.Available)));
        await Task.WhenAll(again.Append(Task.Run(() => State.SetStatusAsync(id, PresenceStatus.Away, T0.AddSeconds(1)))));
        Assert.True(await State.TouchConnectionAsync(id, "laptop", T0.AddSeconds(60)));
        var known = (await State.GetAgentAsync(id, T0.AddSeconds(10)))!;
        Assert.Equal((PresenceStatus.Away, 1), (known.Status, known.LiveConnections));
    }

    [SkippableFact]
    public async Task RebuiltMark_IsMissingUntilMarked()
    {
        Assert.False(await State.IsRebuiltAsync());

        await State.MarkRebuiltAsync(T0);
        await State.MarkRebuiltAsync(T0.AddSeconds(1)); // another node's recovery

        Assert.True(await State.IsRebuiltAsync());
    }

    [SkippableFact]
    public async Task ConcurrentReserves_NeverOfferOneTaskTwice_NorOverfillAnAgent()
    {
        var contested = await TaskAsync();
        var agents = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            agents.Add(await AgentAsync());
        }

        var wins = await Task.WhenAll(agents.Select(a => Task.Run(() => State.TryReserveAsync(contested, a, T0.AddSeconds(30), T0))));
        Assert.Single(wins, w => w);

        var busy = await AgentAsync(chatCapacity: 3);
        var tasks = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            tasks.Add(await TaskAsync());
        }

        var reserved = await Task.WhenAll(tasks.Select(t => Task.Run(() => State.TryReserveAsync(t, busy, T0.AddSeconds(30), T0))));
        Assert.Equal(3, reserved.Count(r => r));
        Assert.Equal(3, (await State.GetAgentAsync(busy, T0))!.ChatLoad);
    }
}

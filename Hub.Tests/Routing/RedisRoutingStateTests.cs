using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Routing;

/// <summary>The contract on a real redis-server, each test under a key prefix of its own.</summary>
public sealed class RedisRoutingStateTests : RoutingStateContract
{
    private RedisStateHost? node;

    protected override async Task<IRoutingState> CreateStateAsync()
    {
        node = await RedisStateHost.StartAsync();
        return node.State;
    }

    public override async Task DisposeAsync()
    {
        if (node is not null)
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Task_RoundTripsEveryField_AtMillisecondPrecision()
    {
        var task = new RoutingTask
        {
            ConversationId = NewId(),
            Channel = Channel.Voice,
            Skill = null,
            Priority = 7,
            TargetIndex = RoutingTask.ExplicitLevel,
            Level = 3,
            EnqueuedAt = T0.AddTicks(12_345), // below a millisecond: dropped
            TargetSince = T0.AddSeconds(3),
            PreferredAgentId = "agent-7",
            PreferredUntil = T0.AddSeconds(30),
        };
        Assert.True(await State.EnqueueAsync(task with { OfferedTo = "ignored", OfferDeadline = T0 }));

        Assert.Equal(task with { EnqueuedAt = T0.AddMilliseconds(1) }, await State.GetTaskAsync(task.ConversationId));
        Assert.Equal(task with { EnqueuedAt = T0.AddMilliseconds(1) }, Assert.Single(await State.GetTasksAsync()));
    }

    [Fact]
    public async Task Agent_RoundTripsItsProfile_AndKeepsPresenceAndLoadWhenRegisteredAgain()
    {
        var agent = await AgentAsync(chatCapacity: 4, levels: [2, 3]);
        await State.TryAssignAsync(NewId(), Channel.Chat, agent, T0.AddSeconds(5));
        await State.RegisterAgentAsync(new AgentProfileSnapshot(agent, "Renamed", [1], ["network", "billing"], 5, 2), T0.AddSeconds(9));

        var presence = (await State.GetAgentAsync(agent, T0.AddSeconds(10)))!;

        Assert.Equal(
            ("Renamed", PresenceStatus.Available, 5, 2, 1, T0.AddSeconds(5), (DateTimeOffset?)T0),
            (presence.DisplayName, presence.Status, presence.ChatCapacity, presence.VoiceCapacity, presence.ChatLoad, presence.IdleSince, presence.DisconnectedSince));
        Assert.Equal([1], presence.Levels);
        Assert.Equal(["network", "billing"], presence.Skills);
        Assert.Null(await State.GetAgentAsync(NewId(), T0));
    }

    [Fact]
    public async Task UnknownAgents_AreIgnored_AndLeaveNoKeysBehind()
    {
        var ghost = NewId();
        var task = await TaskAsync();

        await State.SetStatusAsync(ghost, PresenceStatus.Available, T0);
        await State.TouchConnectionAsync(ghost, "phone", T0.AddSeconds(60));
        await State.DropConnectionAsync(ghost, "phone", T0);

        Assert.False(await State.TryReserveAsync(task, ghost, T0.AddSeconds(30), T0));
        Assert.False(await State.TryAssignAsync(task, Channel.Chat, ghost, T0));
        Assert.Equal(new ReleaseResult(false, 0), await State.ReleaseOfferAsync(task, ghost, missed: true, T0));
        Assert.Empty(await State.GetAgentsAsync(T0));
        Assert.DoesNotContain(await node!.KeysAsync(), key => key.ToString().Contains(ghost, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RebuiltMark_IsGone_WhenRedisLosesTheData()
    {
        await AgentAsync();
        await State.MarkRebuiltAsync(T0);
        Assert.Contains(await node!.KeysAsync(), key => key == node.Prefix + "rebuilt");

        await node.Redis.GetDatabase().KeyDeleteAsync([.. await node.KeysAsync()]); // what a FLUSHALL or a restart without persistence does

        Assert.False(await State.IsRebuiltAsync());
        Assert.Empty(await State.GetAgentsAsync(T0));
    }
}

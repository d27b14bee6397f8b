using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using static SupportHub.Server.Infrastructure.Redis.RedisRoutingCodec;

namespace SupportHub.Server.Infrastructure.Redis;

/// <summary>
/// Routing state of the distributed mode, shared by every node. Each write that must not race is
/// one Lua script (<see cref="RedisScripts"/>); reads are pipelined plain commands, which the router
/// treats as a snapshot that any atomic step re-checks.
/// </summary>
internal sealed class RedisRoutingState(IConnectionMultiplexer redis, IOptions<RedisOptions> options) : IRoutingState
{
    private readonly IDatabase db = redis.GetDatabase();
    private readonly RedisKeys keys = new(options.Value.KeyPrefix);

    public Task RegisterAgentAsync(AgentProfileSnapshot profile, DateTimeOffset at, PresenceStatus status = PresenceStatus.Offline) =>
        db.ScriptEvaluateAsync(RedisScripts.Register, [keys.Agent(profile.AgentId), keys.Agents], ToProfileArgs(profile, at, status));

    public async Task<AgentPresence?> GetAgentAsync(string agentId, DateTimeOffset at) =>
        (await ReadAgentsAsync([agentId], at)).SingleOrDefault();

    public async Task<IReadOnlyList<AgentPresence>> GetAgentsAsync(DateTimeOffset at)
    {
        var ids = await db.SetMembersAsync(keys.Agents);
        return await ReadAgentsAsync([.. ids.Select(id => (string)id!)], at);
    }

    public Task SetStatusAsync(string agentId, PresenceStatus status, DateTimeOffset at) =>
        db.ScriptEvaluateAsync(RedisScripts.SetStatus, [keys.Agent(agentId)], [status.ToString(), nameof(PresenceStatus.Available), ToMs(at)]);

    public async Task<bool> TouchConnectionAsync(string agentId, string connectionId, DateTimeOffset expiresAt) =>
        IsTrue(await db.ScriptEvaluateAsync(RedisScripts.TouchConnection, [keys.Agent(agentId), keys.Connections(agentId)], [connectionId, ToMs(expiresAt)]));

    public Task DropConnectionAsync(string agentId, string connectionId, DateTimeOffset at) =>
        db.ScriptEvaluateAsync(RedisScripts.DropConnection, [keys.Agent(agentId), keys.Connections(agentId)], [connectionId, ToMs(at)]);

    public async Task<bool> EnqueueAsync(RoutingTask task) =>
        IsTrue(await db.ScriptEvaluateAsync(
            RedisScripts.Enqueue, [keys.Task(task.ConversationId), keys.Tasks], [task.ConversationId, .. ToFields(task)]));

    public async Task<RoutingTask?> GetTaskAsync(string conversationId) =>
        ToTask(conversationId, await db.HashGetAllAsync(keys.Task(conversationId)));

    public async Task<IReadOnlyList<RoutingTask>> GetTasksAsync()
    {
        var ids = await db.SetMembersAsync(keys.Tasks);
        return RoutingOrder.Sort(await ReadTasksAsync([.. ids.Select(id => (string)id!)]));
    }

    public async Task<bool> RetargetAsync(string conversationId, int targetIndex, int level, DateTimeOffset since) =>
        IsTrue(await db.ScriptEvaluateAsync(RedisScripts.Retarget, [keys.Task(conversationId)], [targetIndex, level, ToMs(since)]));

    public async Task<RoutingTask?> RemoveTaskAsync(string conversationId, DateTimeOffset at) =>
        ToTask(conversationId, await db.ScriptEvaluateAsync(
            RedisScripts.RemoveTask,
            [keys.Task(conversationId), keys.Tasks, keys.Offers],
            [conversationId, keys.AgentPrefix, RedisKeys.LoadInfix]));

    public async Task<bool> TryReserveAsync(string conversationId, string agentId, DateTimeOffset deadline, DateTimeOffset at) =>
        IsTrue(await db.ScriptEvaluateAsync(
            RedisScripts.Reserve,
            [keys.Task(conversationId), keys.Agent(agentId), keys.Load(agentId, Channel.Chat), keys.Load(agentId, Channel.Voice), keys.Offers],
            [conversationId, agentId, ToMs(deadline), nameof(PresenceStatus.Available)]));

    public async Task<bool> TryAcceptAsync(string conversationId, string agentId, DateTimeOffset at) =>
        IsTrue(await db.ScriptEvaluateAsync(
            RedisScripts.Accept,
            [keys.Task(conversationId), keys.Tasks, keys.Agent(agentId), keys.Offers],
            [conversationId, agentId, ToMs(at)]));

    public async Task<ReleaseResult> ReleaseOfferAsync(string conversationId, string agentId, bool missed, DateTimeOffset at)
    {
        var reply = (RedisResult[])(await db.ScriptEvaluateAsync(
            RedisScripts.ReleaseOffer,
            [keys.Task(conversationId), keys.Agent(agentId), keys.Load(agentId, Channel.Chat), keys.Load(agentId, Channel.Voice), keys.Offers],
            [conversationId, agentId, missed ? 1 : 0, ToMs(at)]))!;
        return new ReleaseResult(IsTrue(reply[0]), (int)reply[1]);
    }

    public async Task<IReadOnlyList<RoutingTask>> GetExpiredOffersAsync(DateTimeOffset at)
    {
        var now = ToMs(at);
        var ids = await db.SortedSetRangeByScoreAsync(keys.Offers, double.NegativeInfinity, now, Exclude.Stop);

        // The offer may have been accepted or released since the range was read.
        var tasks = await ReadTasksAsync([.. ids.Select(id => (string)id!)]);
        return [.. tasks.Where(t => t.OfferedTo is not null && t.OfferDeadline is { } deadline && ToMs(deadline) < now)];
    }

    public async Task<bool> TryClaimAsync(string conversationId, string agentId, DateTimeOffset at) =>
        IsTrue(await db.ScriptEvaluateAsync(
            RedisScripts.Claim,
            [keys.Task(conversationId), keys.Tasks, keys.Agent(agentId), keys.Load(agentId, Channel.Chat), keys.Load(agentId, Channel.Voice), keys.Offers],
            [conversationId, agentId, ToMs(at)]));

    public async Task<bool> TryAssignAsync(string conversationId, Channel channel, string agentId, DateTimeOffset at) =>
        IsTrue(await db.ScriptEvaluateAsync(
            RedisScripts.Assign,
            [keys.Task(conversationId), keys.Tasks, keys.Agent(agentId), keys.Load(agentId, channel), keys.Offers],
            [conversationId, agentId, RedisKeys.ChannelToken(channel), ToMs(at)]));

    public Task ReleaseAssignmentAsync(string conversationId, Channel channel, string agentId, DateTimeOffset at) =>
        db.SetRemoveAsync(keys.Load(agentId, channel), conversationId);

    public async Task<IReadOnlyList<string>> GetLoadAsync(string agentId)
    {
        var batch = db.CreateBatch();
        var chat = batch.SetMembersAsync(keys.Load(agentId, Channel.Chat));
        var voice = batch.SetMembersAsync(keys.Load(agentId, Channel.Voice));
        batch.Execute();
        return [.. (await chat).Concat(await voice).Select(id => (string)id!)];
    }

    public Task<bool> IsRebuiltAsync() => db.KeyExistsAsync(keys.Rebuilt);

    public Task MarkRebuiltAsync(DateTimeOffset at) => db.StringSetAsync(keys.Rebuilt, ToMs(at));

    public async Task<bool> TryDropLoadAsync(string agentId, string conversationId) =>
        (long)await db.ScriptEvaluateAsync(
            RedisScripts.DropLoad,
            [keys.Task(conversationId), keys.Load(agentId, Channel.Chat), keys.Load(agentId, Channel.Voice)],
            [conversationId, agentId]) > 0;

    public async Task<bool> TryRestoreLoadAsync(string agentId, string conversationId, Channel channel) =>
        IsTrue(await db.ScriptEvaluateAsync(
            RedisScripts.RestoreLoad, [keys.Agent(agentId), keys.Task(conversationId), keys.Load(agentId, channel)], [conversationId]));

    private static bool IsTrue(RedisResult reply) => (long)reply == 1;

    private async Task<IReadOnlyList<AgentPresence>> ReadAgentsAsync(IReadOnlyList<string> agentIds, DateTimeOffset at)
    {
        var batch = db.CreateBatch();
        var reads = agentIds.Select(id => (
            Id: id,
            Hash: batch.HashGetAllAsync(keys.Agent(id)),
            Connections: batch.SortedSetRangeByRankWithScoresAsync(keys.Connections(id)),
            Chat: batch.SetLengthAsync(keys.Load(id, Channel.Chat)),
            Voice: batch.SetLengthAsync(keys.Load(id, Channel.Voice)))).ToList();
        batch.Execute();

        var agents = new List<AgentPresence>(reads.Count);
        foreach (var read in reads)
        {
            var presence = ToPresence(read.Id, await read.Hash, await read.Connections, await read.Chat, await read.Voice, at);
            if (presence is not null)
            {
                agents.Add(presence);
            }
        }

        return agents;
    }

    private async Task<IReadOnlyList<RoutingTask>> ReadTasksAsync(IReadOnlyList<string> conversationIds)
    {
        var batch = db.CreateBatch();
        var reads = conversationIds.Select(id => (Id: id, Hash: batch.HashGetAllAsync(keys.Task(id)))).ToList();
        batch.Execute();

        var tasks = new List<RoutingTask>(reads.Count);
        foreach (var read in reads)
        {
            if (ToTask(read.Id, await read.Hash) is { } task)
            {
                tasks.Add(task);
            }
        }

        return tasks;
    }
}

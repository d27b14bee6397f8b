using StackExchange.Redis;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Infrastructure.Redis;

/// <summary>
/// Every Redis key of the routing state, in one place, all under one prefix. No hash tags: the
/// state lives on one Redis (or one primary), not a cluster, because RedisScripts.RemoveTask
/// reaches the load set of whichever agent the task was offered to.
/// </summary>
/// <remarks>
/// Layout (the hash field names are also spelled out in <see cref="RedisScripts"/>):
/// <list type="bullet">
/// <item><c>{prefix}agents</c>: set of agent ids.</item>
/// <item><c>{prefix}agent:{id}</c>: hash; name, levels and skills (JSON), capacity:chat, capacity:voice,
/// status, idleSince, registeredAt, lastEndedAt, missed. Times are unix milliseconds.</item>
/// <item><c>{prefix}agent:{id}:conns</c>: sorted set of connection ids scored by their expiry.</item>
/// <item><c>{prefix}agent:{id}:load:chat</c>, <c>:load:voice</c>: sets of conversation ids offered or held.</item>
/// <item><c>{prefix}tasks</c>: set of queued conversation ids.</item>
/// <item><c>{prefix}task:{conversationId}</c>: hash of the <see cref="Features.Routing.RoutingTask"/>.</item>
/// <item><c>{prefix}offers</c>: sorted set of offered conversation ids scored by their deadline.</item>
/// <item><c>{prefix}rebuilt</c>: when the state was last rebuilt from the document store (unix
/// milliseconds); its absence means the Redis data was lost and the routing recovery rebuilds it.</item>
/// <item><c>{prefix}lock:{key}</c>: a <see cref="RedisLock"/> held for its lease, e.g. <c>lock:call:{CallSid}</c>.</item>
/// </list>
/// </remarks>
internal sealed class RedisKeys(string prefix)
{
    /// <summary>The part between the agent id and the channel token in a load key.</summary>
    public const string LoadInfix = ":load:";

    public string Prefix { get; } = prefix;

    /// <summary>Starts every agent key: <c>{AgentPrefix}{id}</c>.</summary>
    public string AgentPrefix => Prefix + "agent:";

    public RedisKey Agents => Prefix + "agents";

    public RedisKey Tasks => Prefix + "tasks";

    public RedisKey Offers => Prefix + "offers";

    public RedisKey Rebuilt => Prefix + "rebuilt";

    /// <summary>The pub/sub channel on which a node tells the others that an agent's sessions ended (payload <c>{nodeId}|{agentId}</c>).</summary>
    public RedisChannel SessionsEnded => RedisChannel.Literal(Prefix + "sessions-ended");

    public RedisKey Agent(string agentId) => AgentPrefix + agentId;

    public RedisKey Connections(string agentId) => AgentPrefix + agentId + ":conns";

    public RedisKey Load(string agentId, Channel channel) => AgentPrefix + agentId + LoadInfix + ChannelToken(channel);

    public RedisKey Task(string conversationId) => Prefix + "task:" + conversationId;

    /// <summary>The channel as it appears in load keys, capacity fields and the task hash.</summary>
    public static string ChannelToken(Channel channel) => channel == Channel.Voice ? "voice" : "chat";

    public static Channel ParseChannel(string token) => token == "voice" ? Channel.Voice : Channel.Chat;
}

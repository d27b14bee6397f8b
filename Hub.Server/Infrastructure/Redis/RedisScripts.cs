namespace SupportHub.Server.Infrastructure.Redis;

/// <summary>
/// The Lua scripts of <see cref="RedisRoutingState"/>: each step that reads and then writes runs as
/// one script, so two nodes can never interleave inside it. Times arrive as unix milliseconds from
/// the caller (never Redis TIME), so tests drive them. Hash fields and channel tokens are those of
/// <see cref="RedisKeys"/>; an absent field reads as false in Lua.
/// </summary>
internal static class RedisScripts
{
    /// <summary>KEYS: agent, agents. ARGV: agentId, name, levels, skills, chat capacity, voice capacity, at, status of a new agent.</summary>
    public const string Register = """
        if redis.call('EXISTS', KEYS[1]) == 0 then
          redis.call('HSET', KEYS[1], 'status', ARGV[8], 'idleSince', ARGV[7], 'registeredAt', ARGV[7], 'missed', 0)
        end
        redis.call('HSET', KEYS[1], 'name', ARGV[2], 'levels', ARGV[3], 'skills', ARGV[4],
          'capacity:chat', ARGV[5], 'capacity:voice', ARGV[6])
        redis.call('SADD', KEYS[2], ARGV[1])
        return 1
        """;

    /// <summary>KEYS: agent. ARGV: status, available status, at.</summary>
    public const string SetStatus = """
        local current = redis.call('HGET', KEYS[1], 'status')
        if not current then return 0 end
        if ARGV[1] == ARGV[2] and current ~= ARGV[2] then
          redis.call('HSET', KEYS[1], 'missed', 0, 'idleSince', ARGV[3])
        end
        redis.call('HSET', KEYS[1], 'status', ARGV[1])
        return 1
        """;

    /// <summary>KEYS: agent, connections. ARGV: connectionId, expiresAt.</summary>
    public const string TouchConnection = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
        return 1
        """;

    /// <summary>KEYS: agent, connections. ARGV: connectionId, at.</summary>
    public const string DropConnection = """
        if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('ZREM', KEYS[2], ARGV[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], 'lastEndedAt', ARGV[2])
        return 1
        """;

    /// <summary>KEYS: task, tasks. ARGV: conversationId, then the task's field/value pairs.</summary>
    public const string Enqueue = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], unpack(ARGV, 2))
        redis.call('SADD', KEYS[2], ARGV[1])
        return 1
        """;

    /// <summary>KEYS: task. ARGV: targetIndex, level, since.</summary>
    public const string Retarget = """
        if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'offeredTo') == 1 then return 0 end
        if tonumber(redis.call('HGET', KEYS[1], 'targetIndex')) ~= tonumber(ARGV[1]) - 1 then return 0 end
        redis.call('HSET', KEYS[1], 'targetIndex', ARGV[1], 'level', ARGV[2], 'targetSince', ARGV[3])
        return 1
        """;

    /// <summary>
    /// KEYS: task, tasks, offers. ARGV: conversationId, agent key prefix, load infix. Returns the
    /// removed task's fields, or nil. The offered agent is only known here, so its load key is
    /// built from the parts RedisKeys passes in.
    /// </summary>
    public const string RemoveTask = """
        local fields = redis.call('HGETALL', KEYS[1])
        if #fields == 0 then return false end
        local offeredTo = redis.call('HGET', KEYS[1], 'offeredTo')
        if offeredTo then
          local channel = redis.call('HGET', KEYS[1], 'channel')
          redis.call('SREM', ARGV[2] .. offeredTo .. ARGV[3] .. channel, ARGV[1])
        end
        redis.call('ZREM', KEYS[3], ARGV[1])
        redis.call('SREM', KEYS[2], ARGV[1])
        redis.call('DEL', KEYS[1])
        return fields
        """;

    /// <summary>KEYS: task, agent, chat load, voice load, offers. ARGV: conversationId, agentId, deadline, available status.</summary>
    public const string Reserve = """
        local channel = redis.call('HGET', KEYS[1], 'channel')
        if not channel or redis.call('HEXISTS', KEYS[1], 'offeredTo') == 1 then return 0 end
        if redis.call('HGET', KEYS[2], 'status') ~= ARGV[4] then return 0 end
        local load = KEYS[3]
        if channel == 'voice' then load = KEYS[4] end
        local capacity = tonumber(redis.call('HGET', KEYS[2], 'capacity:' .. channel)) or 0
        if redis.call('SCARD', load) >= capacity then return 0 end
        redis.call('SADD', load, ARGV[1])
        redis.call('HSET', KEYS[1], 'offeredTo', ARGV[2], 'offerDeadline', ARGV[3])
        redis.call('ZADD', KEYS[5], ARGV[3], ARGV[1])
        return 1
        """;

    /// <summary>KEYS: task, tasks, agent, offers. ARGV: conversationId, agentId, at. Refused once the deadline is past.</summary>
    public const string Accept = """
        if redis.call('HGET', KEYS[1], 'offeredTo') ~= ARGV[2] then return 0 end
        local deadline = tonumber(redis.call('HGET', KEYS[1], 'offerDeadline'))
        if deadline and deadline < tonumber(ARGV[3]) then return 0 end
        if redis.call('EXISTS', KEYS[3]) == 0 then return 0 end
        redis.call('DEL', KEYS[1])
        redis.call('SREM', KEYS[2], ARGV[1])
        redis.call('ZREM', KEYS[4], ARGV[1])
        redis.call('HSET', KEYS[3], 'missed', 0, 'idleSince', ARGV[3])
        return 1
        """;

    /// <summary>
    /// KEYS: task, agent, chat load, voice load, offers. ARGV: conversationId, agentId, missed (1 or 0), at.
    /// Returns {released (1 or 0), missed offers in a row}. A released offer sends the agent to the back of the line.
    /// A missed offer is released only once its deadline is reached: not a newer offer made since the sweep read it.
    /// </summary>
    public const string ReleaseOffer = """
        local missed = tonumber(redis.call('HGET', KEYS[2], 'missed')) or 0
        if redis.call('HGET', KEYS[1], 'offeredTo') ~= ARGV[2] or redis.call('EXISTS', KEYS[2]) == 0 then
          return {0, missed}
        end
        if ARGV[3] == '1' and tonumber(redis.call('HGET', KEYS[1], 'offerDeadline')) > tonumber(ARGV[4]) then
          return {0, missed}
        end
        local load = KEYS[3]
        if redis.call('HGET', KEYS[1], 'channel') == 'voice' then load = KEYS[4] end
        redis.call('HDEL', KEYS[1], 'offeredTo', 'offerDeadline')
        redis.call('ZREM', KEYS[5], ARGV[1])
        redis.call('SREM', load, ARGV[1])
        redis.call('HSET', KEYS[2], 'idleSince', ARGV[4])
        if ARGV[3] == '1' then missed = redis.call('HINCRBY', KEYS[2], 'missed', 1) end
        return {1, missed}
        """;

    /// <summary>
    /// KEYS: task, tasks, agent, chat load, voice load, offers. ARGV: conversationId, agentId, at.
    /// Only a queued task, not offered to another agent; the channel is the task's. Holding it already
    /// (the agent's own offer) needs no room.
    /// </summary>
    public const string Claim = """
        if redis.call('EXISTS', KEYS[3]) == 0 then return 0 end
        local channel = redis.call('HGET', KEYS[1], 'channel')
        if not channel then return 0 end
        local offeredTo = redis.call('HGET', KEYS[1], 'offeredTo')
        if offeredTo and offeredTo ~= ARGV[2] then return 0 end
        local load = KEYS[4]
        if channel == 'voice' then load = KEYS[5] end
        if redis.call('SISMEMBER', load, ARGV[1]) == 0 then
          local capacity = tonumber(redis.call('HGET', KEYS[3], 'capacity:' .. channel)) or 0
          if redis.call('SCARD', load) >= capacity then return 0 end
        end
        redis.call('DEL', KEYS[1])
        redis.call('SREM', KEYS[2], ARGV[1])
        redis.call('ZREM', KEYS[6], ARGV[1])
        redis.call('SADD', load, ARGV[1])
        redis.call('HSET', KEYS[3], 'idleSince', ARGV[3])
        return 1
        """;

    /// <summary>
    /// KEYS: task, tasks, agent, load of the channel, offers. ARGV: conversationId, agentId, channel token, at.
    /// Holding the conversation already needs no room, so a repeated assign succeeds.
    /// </summary>
    public const string Assign = """
        if redis.call('EXISTS', KEYS[3]) == 0 then return 0 end
        local offeredTo = redis.call('HGET', KEYS[1], 'offeredTo')
        if offeredTo and offeredTo ~= ARGV[2] then return 0 end
        if redis.call('SISMEMBER', KEYS[4], ARGV[1]) == 0 then
          local capacity = tonumber(redis.call('HGET', KEYS[3], 'capacity:' .. ARGV[3])) or 0
          if redis.call('SCARD', KEYS[4]) >= capacity then return 0 end
        end
        redis.call('DEL', KEYS[1])
        redis.call('SREM', KEYS[2], ARGV[1])
        redis.call('ZREM', KEYS[5], ARGV[1])
        redis.call('SADD', KEYS[4], ARGV[1])
        redis.call('HSET', KEYS[3], 'idleSince', ARGV[4])
        return 1
        """;

    /// <summary>
    /// KEYS: task, chat load, voice load. ARGV: conversationId, agentId. The load reconciliation's
    /// removal: never the agent's open offer. Returns how many entries were removed.
    /// </summary>
    public const string DropLoad = """
        if redis.call('HGET', KEYS[1], 'offeredTo') == ARGV[2] then return 0 end
        return redis.call('SREM', KEYS[2], ARGV[1]) + redis.call('SREM', KEYS[3], ARGV[1])
        """;

    /// <summary>
    /// KEYS: agent, task, load of the channel. ARGV: conversationId. The load reconciliation's
    /// addition: not while the conversation is queued, not for an unknown agent. Returns 1 when added.
    /// </summary>
    public const string RestoreLoad = """
        if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
        return redis.call('SADD', KEYS[3], ARGV[1])
        """;
}

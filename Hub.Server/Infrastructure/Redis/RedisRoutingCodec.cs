using System.Text.Json;
using StackExchange.Redis;
using SupportHub.Server.Features.Routing;

namespace SupportHub.Server.Infrastructure.Redis;

/// <summary>
/// Routing records to and from Redis hashes. Times are unix milliseconds (exact as Lua numbers and
/// sorted-set scores), so they come back in UTC with millisecond precision.
/// </summary>
internal static class RedisRoutingCodec
{
    public static long ToMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    /// <summary>The task as field/value pairs for HSET; the offer is never part of a new task.</summary>
    public static RedisValue[] ToFields(RoutingTask task)
    {
        var fields = new List<RedisValue>
        {
            "channel", RedisKeys.ChannelToken(task.Channel),
            "priority", task.Priority,
            "targetIndex", task.TargetIndex,
            "level", task.Level,
            "enqueuedAt", ToMs(task.EnqueuedAt),
            "targetSince", ToMs(task.TargetSince),
        };
        if (task.Skill is not null)
        {
            fields.AddRange(["skill", task.Skill]);
        }

        if (task.PreferredAgentId is not null)
        {
            fields.AddRange(["preferredAgentId", task.PreferredAgentId]);
        }

        if (task.PreferredUntil is { } until)
        {
            fields.AddRange(["preferredUntil", ToMs(until)]);
        }

        return [.. fields];
    }

    /// <summary>Null when the hash is empty, i.e. the task does not exist.</summary>
    public static RoutingTask? ToTask(string conversationId, HashEntry[] entries)
    {
        if (entries.Length == 0)
        {
            return null;
        }

        var f = entries.ToDictionary(e => (string)e.Name!, e => e.Value, StringComparer.Ordinal);
        return new RoutingTask
        {
            ConversationId = conversationId,
            Channel = RedisKeys.ParseChannel((string)f["channel"]!),
            Skill = Text(f, "skill"),
            Priority = (int)f["priority"],
            TargetIndex = (int)f["targetIndex"],
            Level = (int)f["level"],
            EnqueuedAt = FromMs((long)f["enqueuedAt"]),
            TargetSince = FromMs((long)f["targetSince"]),
            PreferredAgentId = Text(f, "preferredAgentId"),
            PreferredUntil = Time(f, "preferredUntil"),
            OfferedTo = Text(f, "offeredTo"),
            OfferDeadline = Time(f, "offerDeadline"),
        };
    }

    /// <summary>A task from a script's HGETALL reply (a flat field, value, field, value... array).</summary>
    public static RoutingTask? ToTask(string conversationId, RedisResult reply)
    {
        if (reply.IsNull)
        {
            return null;
        }

        var flat = (RedisValue[])reply!;
        var entries = new HashEntry[flat.Length / 2];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new HashEntry(flat[2 * i], flat[(2 * i) + 1]);
        }

        return ToTask(conversationId, entries);
    }

    public static RedisValue[] ToProfileArgs(AgentProfileSnapshot profile, DateTimeOffset at, PresenceStatus status) =>
    [
        profile.AgentId,
        profile.DisplayName,
        JsonSerializer.Serialize(profile.Levels),
        JsonSerializer.Serialize(profile.Skills),
        profile.ChatCapacity,
        profile.VoiceCapacity,
        ToMs(at),
        status.ToString(),
    ];

    /// <summary>Null when the hash is empty, i.e. the agent is not registered.</summary>
    public static AgentPresence? ToPresence(
        string agentId, HashEntry[] entries, SortedSetEntry[] connections, long chatLoad, long voiceLoad, DateTimeOffset at)
    {
        if (entries.Length == 0)
        {
            return null;
        }

        var f = entries.ToDictionary(e => (string)e.Name!, e => e.Value, StringComparer.Ordinal);
        var expiries = connections.Select(c => FromMs((long)c.Score)).ToList();
        return new AgentPresence
        {
            AgentId = agentId,
            DisplayName = Text(f, "name") ?? string.Empty,
            Status = Enum.Parse<PresenceStatus>((string)f["status"]!),
            Levels = JsonSerializer.Deserialize<int[]>((string)f["levels"]!) ?? [],
            Skills = JsonSerializer.Deserialize<string[]>((string)f["skills"]!) ?? [],
            ChatCapacity = (int)f["capacity:chat"],
            VoiceCapacity = (int)f["capacity:voice"],
            ChatLoad = (int)chatLoad,
            VoiceLoad = (int)voiceLoad,
            IdleSince = FromMs((long)f["idleSince"]),
            MissedOffers = (int)f["missed"],
            LiveConnections = expiries.Count(e => e > at),
            DisconnectedSince = PresenceRules.DisconnectedSince(expiries, Time(f, "lastEndedAt"), FromMs((long)f["registeredAt"]), at),
        };
    }

    private static string? Text(Dictionary<string, RedisValue> fields, string name) =>
        fields.TryGetValue(name, out var value) ? (string?)value : null;

    private static DateTimeOffset? Time(Dictionary<string, RedisValue> fields, string name) =>
        fields.TryGetValue(name, out var value) ? FromMs((long)value) : null;
}

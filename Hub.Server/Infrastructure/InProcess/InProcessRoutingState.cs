using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;

namespace SupportHub.Server.Infrastructure.InProcess;

/// <summary>Routing state of the embedded mode: one node, one lock makes every step atomic.</summary>
internal sealed partial class InProcessRoutingState : IRoutingState
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, AgentEntry> agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RoutingTask> tasks = new(StringComparer.Ordinal);
    private bool rebuilt;

    public Task RegisterAgentAsync(AgentProfileSnapshot profile, DateTimeOffset at, PresenceStatus status = PresenceStatus.Offline)
    {
        lock (gate)
        {
            if (!agents.TryGetValue(profile.AgentId, out var entry))
            {
                entry = new AgentEntry { IdleSince = at, RegisteredAt = at, Status = status };
                agents[profile.AgentId] = entry;
            }

            entry.Profile = profile;
        }

        return Task.CompletedTask;
    }

    public Task<AgentPresence?> GetAgentAsync(string agentId, DateTimeOffset at)
    {
        lock (gate)
        {
            return Task.FromResult(agents.TryGetValue(agentId, out var entry) ? entry.ToPresence(at) : null);
        }
    }

    public Task<IReadOnlyList<AgentPresence>> GetAgentsAsync(DateTimeOffset at)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<AgentPresence>>([.. agents.Values.Select(a => a.ToPresence(at))]);
        }
    }

    public Task SetStatusAsync(string agentId, PresenceStatus status, DateTimeOffset at)
    {
        lock (gate)
        {
            if (agents.TryGetValue(agentId, out var entry))
            {
                if (status == PresenceStatus.Available && entry.Status != PresenceStatus.Available)
                {
                    entry.MissedOffers = 0;
                    entry.IdleSince = at;
                }

                entry.Status = status;
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> TouchConnectionAsync(string agentId, string connectionId, DateTimeOffset expiresAt)
    {
        lock (gate)
        {
            if (!agents.TryGetValue(agentId, out var entry))
            {
                return Task.FromResult(false);
            }

            entry.Connections[connectionId] = expiresAt;
            return Task.FromResult(true);
        }
    }

    public Task DropConnectionAsync(string agentId, string connectionId, DateTimeOffset at)
    {
        lock (gate)
        {
            if (agents.TryGetValue(agentId, out var entry) && entry.Connections.Remove(connectionId))
            {
                entry.LastConnectionEndedAt = at;
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> EnqueueAsync(RoutingTask task)
    {
        lock (gate)
        {
            return Task.FromResult(tasks.TryAdd(task.ConversationId, task with { OfferedTo = null, OfferDeadline = null }));
        }
    }

    public Task<RoutingTask?> GetTaskAsync(string conversationId)
    {
        lock (gate)
        {
            return Task.FromResult(tasks.GetValueOrDefault(conversationId));
        }
    }

    public Task<IReadOnlyList<RoutingTask>> GetTasksAsync()
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<RoutingTask>>(RoutingOrder.Sort(tasks.Values));
        }
    }

    public Task<bool> RetargetAsync(string conversationId, int targetIndex, int level, DateTimeOffset since)
    {
        lock (gate)
        {
            if (!tasks.TryGetValue(conversationId, out var task) || task.OfferedTo is not null || task.TargetIndex != targetIndex - 1)
            {
                return Task.FromResult(false);
            }

            tasks[conversationId] = task with { TargetIndex = targetIndex, Level = level, TargetSince = since };
            return Task.FromResult(true);
        }
    }

    public Task<RoutingTask?> RemoveTaskAsync(string conversationId, DateTimeOffset at)
    {
        lock (gate)
        {
            if (!tasks.Remove(conversationId, out var task))
            {
                return Task.FromResult<RoutingTask?>(null);
            }

            if (task.OfferedTo is { } agentId && agents.TryGetValue(agentId, out var entry))
            {
                entry.Load(task.Channel).Remove(conversationId);
            }

            return Task.FromResult<RoutingTask?>(task);
        }
    }

    public Task<bool> TryReserveAsync(string conversationId, string agentId, DateTimeOffset deadline, DateTimeOffset at)
    {
        lock (gate)
        {
            if (!tasks.TryGetValue(conversationId, out var task) || task.OfferedTo is not null
                || !agents.TryGetValue(agentId, out var entry) || entry.Status != PresenceStatus.Available
                || !entry.HasRoomFor(task.Channel))
            {
                return Task.FromResult(false);
            }

            entry.Load(task.Channel).Add(conversationId);
            tasks[conversationId] = task with { OfferedTo = agentId, OfferDeadline = deadline };
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryAcceptAsync(string conversationId, string agentId, DateTimeOffset at)
    {
        lock (gate)
        {
            if (!tasks.TryGetValue(conversationId, out var task) || task.OfferedTo != agentId || task.OfferDeadline < at
                || !agents.TryGetValue(agentId, out var entry))
            {
                return Task.FromResult(false);
            }

            tasks.Remove(conversationId);
            entry.MissedOffers = 0;
            entry.IdleSince = at;
            return Task.FromResult(true);
        }
    }

    public Task<ReleaseResult> ReleaseOfferAsync(string conversationId, string agentId, bool missed, DateTimeOffset at)
    {
        lock (gate)
        {
            if (!tasks.TryGetValue(conversationId, out var task) || task.OfferedTo != agentId || !agents.TryGetValue(agentId, out var entry)
                || (missed && task.OfferDeadline > at))
            {
                var current = agents.TryGetValue(agentId, out var known) ? known.MissedOffers : 0;
                return Task.FromResult(new ReleaseResult(false, current));
            }

            tasks[conversationId] = task with { OfferedTo = null, OfferDeadline = null };
            entry.Load(task.Channel).Remove(conversationId);
            entry.IdleSince = at;
            if (missed)
            {
                entry.MissedOffers++;
            }

            return Task.FromResult(new ReleaseResult(true, entry.MissedOffers));
        }
    }

    public Task<IReadOnlyList<RoutingTask>> GetExpiredOffersAsync(DateTimeOffset at)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<RoutingTask>>([.. tasks.Values.Where(t => t.OfferedTo is not null && t.OfferDeadline < at)]);
        }
    }

    public Task<bool> TryClaimAsync(string conversationId, string agentId, DateTimeOffset at)
    {
        lock (gate)
        {
            if (!tasks.TryGetValue(conversationId, out var task) || (task.OfferedTo is not null && task.OfferedTo != agentId)
                || !agents.TryGetValue(agentId, out var entry))
            {
                return Task.FromResult(false);
            }

            var load = entry.Load(task.Channel);
            if (!load.Contains(conversationId) && !entry.HasRoomFor(task.Channel))
            {
                return Task.FromResult(false);
            }

            tasks.Remove(conversationId);
            load.Add(conversationId);
            entry.IdleSince = at;
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryAssignAsync(string conversationId, Channel channel, string agentId, DateTimeOffset at)
    {
        lock (gate)
        {
            if (!agents.TryGetValue(agentId, out var entry)
                || (tasks.TryGetValue(conversationId, out var task) && task.OfferedTo is not null && task.OfferedTo != agentId))
            {
                return Task.FromResult(false);
            }

            var load = entry.Load(channel);
            if (!load.Contains(conversationId) && !entry.HasRoomFor(channel))
            {
                return Task.FromResult(false);
            }

            tasks.Remove(conversationId);
            load.Add(conversationId);
            entry.IdleSince = at;
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAssignmentAsync(string conversationId, Channel channel, string agentId, DateTimeOffset at)
    {
        lock (gate)
        {
            if (agents.TryGetValue(agentId, out var entry))
            {
                entry.Load(channel).Remove(conversationId);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetLoadAsync(string agentId)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<string>>(
                agents.TryGetValue(agentId, out var entry) ? [.. entry.ChatLoad.Concat(entry.VoiceLoad)] : []);
        }
    }

    /// <summary>Lives as long as the process, like the state, so it is lost only together with it.</summary>
    public Task<bool> IsRebuiltAsync() => Task.FromResult(Volatile.Read(ref rebuilt));

    public Task MarkRebuiltAsync(DateTimeOffset at)
    {
        Volatile.Write(ref rebuilt, true);
        return Task.CompletedTask;
    }

    private sealed class AgentEntry
    {
        public AgentProfileSnapshot Profile { get; set; } = null!;

        public PresenceStatus Status { get; set; } = PresenceStatus.Offline;

        public DateTimeOffset IdleSince { get; set; }

        public DateTimeOffset RegisteredAt { get; init; }

        public DateTimeOffset? LastConnectionEndedAt { get; set; }

        public int MissedOffers { get; set; }

        public Dictionary<string, DateTimeOffset> Connections { get; } = new(StringComparer.Ordinal);

        public HashSet<string> ChatLoad { get; } = new(StringComparer.Ordinal);

        public HashSet<string> VoiceLoad { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Load(Channel channel) => channel == Channel.Voice ? VoiceLoad : ChatLoad;

        public bool HasRoomFor(Channel channel) =>
            Load(channel).Count < (channel == Channel.Voice ? Profile.VoiceCapacity : Profile.ChatCapacity);

        public AgentPresence ToPresence(DateTimeOffset at) => new()
        {
            AgentId = Profile.AgentId,
            DisplayName = Profile.DisplayName,
            Status = Status,
            Levels = Profile.Levels,
            Skills = Profile.Skills,
            ChatCapacity = Profile.ChatCapacity,
            VoiceCapacity = Profile.VoiceCapacity,
            ChatLoad = ChatLoad.Count,
            VoiceLoad = VoiceLoad.Count,
            IdleSince = IdleSince,
            MissedOffers = MissedOffers,
            LiveConnections = Connections.Values.Count(e => e > at),
            DisconnectedSince = PresenceRules.DisconnectedSince(Connections.Values, LastConnectionEndedAt, RegisteredAt, at),
        };
    }
}

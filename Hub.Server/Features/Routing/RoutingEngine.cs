using Microsoft.Extensions.Options;

namespace SupportHub.Server.Features.Routing;

/// <summary>
/// One routing pass, as TaskRouter does it: expire offers, take agents offline after their grace
/// period, move tasks along the workflow (timeouts, skip when nobody is available), then offer each
/// waiting task to the best free agent. Safe to run on several nodes at once: every decision is
/// confirmed by an atomic step of <see cref="IRoutingState"/>.
/// </summary>
public sealed partial class RoutingEngine(
    IRoutingState state,
    IOptions<RoutingOptions> options,
    IRoutingNotifier notifier,
    TimeProvider time,
    ILogger<RoutingEngine> logger) : IDisposable
{
    private readonly SemaphoreSlim passGate = new(1, 1);

    private RoutingOptions Options => options.Value;

    public async Task RunPassAsync(CancellationToken ct = default)
    {
        await passGate.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            await ExpireOffersAsync(now);
            await SweepPresenceAsync(now);
            await OfferTasksAsync(now);
        }
        finally
        {
            passGate.Release();
        }
    }

    /// <summary>
    /// Puts a conversation an agent held back into the queue, freeing that agent's capacity. Give the
    /// task its first queue time, so it is first in line again.
    /// </summary>
    public async Task RequeueAsync(RoutingTask task, string? fromAgentId)
    {
        if (fromAgentId is not null)
        {
            await state.ReleaseAssignmentAsync(task.ConversationId, task.Channel, fromAgentId, time.GetUtcNow());
        }

        await state.EnqueueAsync(task);
    }

    public void Dispose() => passGate.Dispose();

    /// <summary>The status an agent chose. Offline (log out) takes effect at once, without a grace period.</summary>
    public async Task SetStatusAsync(string agentId, PresenceStatus status)
    {
        var now = time.GetUtcNow();
        await state.SetStatusAsync(agentId, status, now);
        await notifier.PresenceChangedAsync(agentId, status);
        if (status == PresenceStatus.Offline)
        {
            await HandOverAsync(agentId, now);
        }
    }

    private async Task ExpireOffersAsync(DateTimeOffset now)
    {
        foreach (var task in await state.GetExpiredOffersAsync(now))
        {
            var agentId = task.OfferedTo!;
            var result = await state.ReleaseOfferAsync(task.ConversationId, agentId, missed: true, now);
            if (!result.Released)
            {
                continue;
            }

            LogOfferExpired(task.ConversationId, agentId, result.MissedOffers);
            await notifier.OfferExpiredAsync(task, agentId);
            if (result.MissedOffers >= Options.MaxMissedOffers)
            {
                await state.SetStatusAsync(agentId, PresenceStatus.Away, now);
                await notifier.PresenceChangedAsync(agentId, PresenceStatus.Away);
            }
        }
    }

    private async Task SweepPresenceAsync(DateTimeOffset now)
    {
        foreach (var agent in await state.GetAgentsAsync(now))
        {
            // Also an agent already offline that still holds conversations (claimed or reassigned
            // while offline): once no device is left, nobody is left with its customers.
            var holds = agent.ChatLoad + agent.VoiceLoad > 0;
            if ((agent.Status != PresenceStatus.Offline || holds) && agent.DisconnectedSince is { } since && now - since >= Options.GracePeriod)
            {
                LogGraceOver(agent.AgentId);
                if (agent.Status != PresenceStatus.Offline)
                {
                    await state.SetStatusAsync(agent.AgentId, PresenceStatus.Offline, now);
                    await notifier.PresenceChangedAsync(agent.AgentId, PresenceStatus.Offline);
                }

                await HandOverAsync(agent.AgentId, now);
            }
        }
    }

    /// <summary>An offline agent keeps nothing: open offers are withdrawn, held conversations go back to the queue.</summary>
    private async Task HandOverAsync(string agentId, DateTimeOffset now)
    {
        var held = new List<string>();
        foreach (var conversationId in await state.GetLoadAsync(agentId))
        {
            var task = await state.GetTaskAsync(conversationId);
            if (task?.OfferedTo == agentId)
            {
                await state.ReleaseOfferAsync(conversationId, agentId, missed: false, now);
            }
            else
            {
                held.Add(conversationId);
            }
        }

        if (held.Count > 0)
        {
            await notifier.AgentWentOfflineAsync(agentId, held);
        }
    }

    private async Task OfferTasksAsync(DateTimeOffset now)
    {
        var agents = (await state.GetAgentsAsync(now)).ToDictionary(a => a.AgentId);
        var queue = await state.GetTasksAsync();
        var workflow = Options.EffectiveWorkflow;
        foreach (var queued in queue)
        {
            if (queued.OfferedTo is not null)
            {
                continue;
            }

            var (task, target) = await AdvanceAsync(queued, workflow, agents.Values, now);
            foreach (var candidate in CandidatesFor(task, target, agents, now))
            {
                var deadline = now + Options.OfferTimeout;
                if (await state.TryReserveAsync(task.ConversationId, candidate.AgentId, deadline, now))
                {
                    agents[candidate.AgentId] = candidate with
                    {
                        ChatLoad = candidate.ChatLoad + (task.Channel == Chat.Channel.Chat ? 1 : 0),
                        VoiceLoad = candidate.VoiceLoad + (task.Channel == Chat.Channel.Voice ? 1 : 0),
                    };
                    LogOffered(task.ConversationId, candidate.AgentId, task.Level);
                    await notifier.OfferCreatedAsync(task with { OfferedTo = candidate.AgentId, OfferDeadline = deadline }, candidate.AgentId, deadline);
                    break;
                }
            }
        }

        await notifier.QueueObservedAsync(await state.GetTasksAsync(), [.. agents.Values]);
    }

    /// <summary>Moves the task past targets that timed out or have nobody available; returns where it waits now.</summary>
    private async Task<(RoutingTask Task, WorkflowTarget Target)> AdvanceAsync(
        RoutingTask task, IReadOnlyList<WorkflowTarget> workflow, IEnumerable<AgentPresence> agents, DateTimeOffset now)
    {
        if (task.TargetIndex == RoutingTask.ExplicitLevel)
        {
            // An escalation or transfer names a level, not a skill: any agent of that level may take it.
            return (task, new WorkflowTarget { Level = task.Level, Skills = SkillExpression.Any });
        }

        // While a returning customer waits for their last agent, the workflow waits too.
        if (task.PreferredAgentId is { } preferred && task.PreferredUntil > now
            && agents.Any(a => a.AgentId == preferred && a.Status != PresenceStatus.Offline))
        {
            return (task, task.TargetIndex < workflow.Count ? workflow[task.TargetIndex] : Options.EffectiveDefaultTarget);
        }

        while (task.TargetIndex < workflow.Count)
        {
            var target = workflow[task.TargetIndex];
            var timedOut = now - task.TargetSince >= target.Timeout;
            // Skipping only helps when someone is available further on; otherwise the task waits
            // here and the ticket records no level change that nobody could act on.
            var nobody = target.SkipIfNobodyAvailable && !AnyoneAvailable(target)
                && workflow.Skip(task.TargetIndex + 1).Append(Options.EffectiveDefaultTarget).Any(AnyoneAvailable);
            bool AnyoneAvailable(WorkflowTarget t) => agents.Any(a => a.Status == PresenceStatus.Available && Qualifies(a, t, task));

            if (!timedOut && !nobody)
            {
                return (task, target);
            }

            var next = task.TargetIndex + 1;
            var nextLevel = next < workflow.Count ? workflow[next].Level : Options.EffectiveDefaultTarget.Level;
            if (!await state.RetargetAsync(task.ConversationId, next, nextLevel, now))
            {
                return (task, target);
            }

            var moved = task with { TargetIndex = next, Level = nextLevel, TargetSince = now };
            LogRetargeted(task.ConversationId, task.Level, nextLevel, timedOut ? "timeout" : "nobody available");
            if (nextLevel != task.Level)
            {
                await notifier.TaskRetargetedAsync(moved, task.Level, nextLevel);
            }

            task = moved;
        }

        return (task, Options.EffectiveDefaultTarget);
    }

    private IEnumerable<AgentPresence> CandidatesFor(
        RoutingTask task, WorkflowTarget target, Dictionary<string, AgentPresence> agents, DateTimeOffset now)
    {
        // Sticky routing and transfers: wait for the preferred agent for a while, unless it is offline.
        if (task.PreferredAgentId is { } preferred && task.PreferredUntil > now
            && agents.TryGetValue(preferred, out var sticky) && sticky.Status != PresenceStatus.Offline)
        {
            return HasRoom(sticky, task) && sticky.Status == PresenceStatus.Available && sticky.LiveConnections > 0 ? [sticky] : [];
        }

        // Offers only reach agents with a live connection: one in its grace period keeps its status
        // and its conversations, but an offer it cannot see would only time out.
        return RoutingOrder.Candidates(agents.Values.Where(a =>
            a.Status == PresenceStatus.Available && a.LiveConnections > 0 && HasRoom(a, task) && Qualifies(a, target, task)));
    }

    private static bool Qualifies(AgentPresence agent, WorkflowTarget target, RoutingTask task) =>
        agent.Levels.Contains(target.Level) && SkillExpression.Matches(target.Skills, task.Skill, agent.Skills);

    private static bool HasRoom(AgentPresence agent, RoutingTask task) =>
        task.Channel == Chat.Channel.Voice ? agent.VoiceLoad < agent.VoiceCapacity : agent.ChatLoad < agent.ChatCapacity;

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Offered conversation {ConversationId} to agent {AgentId} at level {Level}")]
    private partial void LogOffered(string conversationId, string agentId, int level);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Offer of conversation {ConversationId} to agent {AgentId} expired; missed in a row: {Missed}")]
    private partial void LogOfferExpired(string conversationId, string agentId, int missed);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Agent {AgentId} had no connection for the grace period and went offline")]
    private partial void LogGraceOver(string agentId);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Conversation {ConversationId} moved from level {From} to level {To}: {Reason}")]
    private partial void LogRetargeted(string conversationId, int from, int to, string reason);
}

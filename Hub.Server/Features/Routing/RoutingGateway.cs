using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Routing;

/// <summary>
/// Chat's gateway to routing: turns conversations into tasks and keeps capacity right. What agents
/// must hear of it (an offer withdrawn) goes out through <see cref="IRoutingNotifier"/>, like the router's own news.
/// </summary>
public sealed class RoutingGateway(
    IRoutingState state,
    IConversationStore conversations,
    IOptions<RoutingOptions> options,
    TimeProvider time,
    RoutingTrigger trigger,
    IRoutingNotifier notifier)
{
    public string? SkillForTopic(string? topic) =>
        topic is not null && options.Value.Topics.TryGetValue(topic.Trim(), out var skill) ? skill : null;

    /// <summary>
    /// Queues a conversation at its level. Level 1 follows the workflow from its first target;
    /// another level (a returning customer's ticket, an escalation) waits at that level.
    /// </summary>
    public async Task EnqueueAsync(Conversation conversation, string? preferredAgentId = null, bool explicitLevel = false)
    {
        await state.EnqueueAsync(ToTask(conversation, preferredAgentId, explicitLevel));
        trigger.Kick();
    }

    /// <summary>Back into the queue, first in line, freeing the capacity <paramref name="fromAgentId"/> held.</summary>
    public async Task RequeueAsync(Conversation conversation, string? fromAgentId, string? preferredAgentId = null, bool explicitLevel = true)
    {
        if (fromAgentId is not null)
        {
            await state.ReleaseAssignmentAsync(conversation.Id, conversation.Channel, fromAgentId, time.GetUtcNow());
        }

        // A conversation that was still waiting (a supervisor escalated it) is queued anew at its new level.
        await WithdrawOfferAsync(await state.RemoveTaskAsync(conversation.Id, time.GetUtcNow()));
        await EnqueueAsync(conversation, preferredAgentId, explicitLevel);

        // A close that ran since the store put it back withdrew nothing if it came before the task was
        // queued: so look again after queueing. Either the close's withdrawal sees the task, or this
        // read sees the close (each side writes first, then looks at the other).
        if (await conversations.GetAsync(conversation.Id) is not { IsWaiting: true })
        {
            await WithdrawOfferAsync(await state.RemoveTaskAsync(conversation.Id, time.GetUtcNow()));
        }
    }

    /// <summary>
    /// Queues again a conversation the store has Waiting but the routing state does not (a step that
    /// failed halfway), then looks at the store again, as <see cref="RequeueAsync"/> does: one taken or
    /// closed in the meantime is withdrawn again.
    /// </summary>
    public async Task RestoreWaitingAsync(Conversation conversation)
    {
        await EnqueueAsync(conversation, explicitLevel: conversation.Level != 1);
        if (await conversations.GetAsync(conversation.Id) is not { IsWaiting: true })
        {
            await WithdrawOfferAsync(await state.RemoveTaskAsync(conversation.Id, time.GetUtcNow()));
        }
    }

    /// <summary>
    /// Makes sure the routing state knows the agent (a reassignment to someone not connected since start,
    /// the recovery); one it did not know starts with the status it last had, without a connection.
    /// </summary>
    public async Task EnsureAgentAsync(Agent agent)
    {
        if (await state.GetAgentAsync(agent.Id, time.GetUtcNow()) is null)
        {
            await state.RegisterAgentAsync(AgentProfileSnapshot.From(agent), time.GetUtcNow(), RecordedPresence.Of(agent));
        }
    }

    /// <summary>The conversation needs no agent any more (ended, resolved, left as a message).</summary>
    public async Task WithdrawAsync(Conversation conversation)
    {
        var now = time.GetUtcNow();
        await WithdrawOfferAsync(await state.RemoveTaskAsync(conversation.Id, now));
        if (conversation.AssignedAgentId is { } agentId)
        {
            await state.ReleaseAssignmentAsync(conversation.Id, conversation.Channel, agentId, now);
        }

        trigger.Kick();
    }

    /// <summary>On success the agent's other devices drop the offer card too.</summary>
    public async Task<bool> TryAcceptAsync(string conversationId, string agentId)
    {
        if (!await state.TryAcceptAsync(conversationId, agentId, time.GetUtcNow()))
        {
            return false;
        }

        await notifier.OfferWithdrawnAsync(conversationId, agentId);
        return true;
    }

    private async Task WithdrawOfferAsync(RoutingTask? removed)
    {
        if (removed?.OfferedTo is { } agentId)
        {
            await notifier.OfferWithdrawnAsync(removed.ConversationId, agentId);
        }
    }

    public async Task<ReleaseResult> DeclineAsync(string conversationId, string agentId)
    {
        var result = await state.ReleaseOfferAsync(conversationId, agentId, missed: false, time.GetUtcNow());
        trigger.Kick();
        return result;
    }

    /// <summary>A claim: only while the conversation is queued and not offered to another agent.</summary>
    public Task<bool> TryClaimAsync(Conversation conversation, string agentId) =>
        state.TryClaimAsync(conversation.Id, agentId, time.GetUtcNow());

    public Task<bool> TryAssignAsync(Conversation conversation, string agentId) =>
        state.TryAssignAsync(conversation.Id, conversation.Channel, agentId, time.GetUtcNow());

    /// <summary>
    /// After the store gave the conversation to <paramref name="holderId"/> outright (a reassignment):
    /// no other agent's load counts it any more. Also an agent whose accept took the routing step and
    /// then the store's just before the reassignment overwrote it, which the caller's copy cannot name.
    /// An agent's open offer is never dropped (<see cref="IRoutingState.TryDropLoadAsync"/>).
    /// </summary>
    public async Task ReleaseOthersAsync(string conversationId, string holderId)
    {
        foreach (var agent in await state.GetAgentsAsync(time.GetUtcNow()))
        {
            if (agent.AgentId != holderId && agent.ChatLoad + agent.VoiceLoad > 0 && (await state.GetLoadAsync(agent.AgentId)).Contains(conversationId))
            {
                await state.TryDropLoadAsync(agent.AgentId, conversationId);
            }
        }

        trigger.Kick();
    }

    /// <summary>Whether the agent holds (or is offered) the conversation in the routing state.</summary>
    public async Task<bool> HoldsAsync(string conversationId, string agentId) =>
        (await state.GetLoadAsync(agentId)).Contains(conversationId);

    public async Task ReleaseAssignmentAsync(string conversationId, Channel channel, string agentId)
    {
        await state.ReleaseAssignmentAsync(conversationId, channel, agentId, time.GetUtcNow());
        trigger.Kick();
    }

    /// <summary>
    /// Whether a chat can be answered now: within business hours and with an agent of a workflow
    /// level online (not offline). Otherwise the reason to tell the customer.
    /// </summary>
    public async Task<Availability> AvailabilityAsync()
    {
        var now = time.GetUtcNow();
        return RoutingAvailability.Of(options.Value, await state.GetAgentsAsync(now), now);
    }

    private RoutingTask ToTask(Conversation conversation, string? preferredAgentId, bool explicitLevel)
    {
        var now = time.GetUtcNow();
        var workflow = options.Value.EffectiveWorkflow;
        var index = explicitLevel || conversation.Level != workflow[0].Level ? RoutingTask.ExplicitLevel : 0;
        return new RoutingTask
        {
            ConversationId = conversation.Id,
            Channel = conversation.Channel,
            Skill = conversation.Skill,
            Priority = conversation.Priority,
            TargetIndex = index,
            Level = conversation.Level,
            EnqueuedAt = conversation.CreatedAt,
            TargetSince = now,
            PreferredAgentId = preferredAgentId,
            PreferredUntil = preferredAgentId is null ? null : now + options.Value.StickyTimeout,
        };
    }
}

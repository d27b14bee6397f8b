using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// A warm transfer of a call: the second agent takes a voice slot at once and is rung into a
/// conference with the caller and the call's agent, who introduces the caller; the conversation
/// stays with its agent until <see cref="CompleteAsync"/>.
/// </summary>
public sealed class WarmTransfer(
    IConversationStore conversations,
    ConversationMessages messages,
    ChatNotifier notifier,
    RoutingGateway queue,
    ICallBridge bridge,
    TicketDesk desk,
    TimeProvider time)
{
    public async Task StartAsync(Conversation conversation, Agent agent, Agent target, string note, CancellationToken ct)
    {
        await queue.EnsureAgentAsync(target);
        if (!await queue.TryAssignAsync(conversation, target.Id))
        {
            throw HubErrors.Create(HubErrors.Conflict, $"{target.DisplayName} is at capacity (on another call) or is offered this conversation.");
        }

        try
        {
            await bridge.ConferenceAsync(conversation, [agent, target], ct);
        }
        catch
        {
            await queue.ReleaseAssignmentAsync(conversation.Id, conversation.Channel, target.Id);
            throw;
        }

        await messages.SendAsync(conversation, new Sender(SenderRole.Agent, agent.Id, agent.DisplayName), null, MessageKind.PrivateNote,
            $"Warm transfer to {target.DisplayName}: {note}", ct);
        await messages.SendSystemAsync(conversation, $"{agent.DisplayName} is bringing {target.DisplayName} into the call.", ct);
    }

    /// <summary>The introduction is done: the conversation is <paramref name="target"/>'s, and <paramref name="agent"/> leaves the call.</summary>
    public async Task CompleteAsync(Conversation conversation, Agent agent, Agent target, CancellationToken ct)
    {
        await EnsureGoingOnAsync(conversation, target);
        if (!await conversations.TryReassignAsync(conversation.Id, target.Id, time.GetUtcNow(), ct))
        {
            throw HubErrors.Create(HubErrors.Closed, $"Conversation '{conversation.Id}' is closed.");
        }

        await queue.ReleaseAssignmentAsync(conversation.Id, conversation.Channel, agent.Id);
        await desk.RecordAgentAsync(conversation.TicketId, target.Id, ct);
        var moved = await conversations.ReloadAsync(conversation.Id, ct);
        await messages.SendSystemAsync(moved, $"{target.DisplayName} took over the call from {agent.DisplayName}.", ct);
        await notifier.ConversationChangedAsync(moved, target.DisplayName);
        await notifier.AssignedAsync(moved, target);
        await bridge.LeaveConferenceAsync(moved, agent, ct);
    }

    /// <summary>The second agent is not needed after all: they leave the call and their voice slot is free.</summary>
    public async Task CancelAsync(Conversation conversation, Agent target, CancellationToken ct)
    {
        await EnsureGoingOnAsync(conversation, target);
        await queue.ReleaseAssignmentAsync(conversation.Id, conversation.Channel, target.Id);
        await bridge.LeaveConferenceAsync(conversation, target, ct);
        await messages.SendSystemAsync(conversation, $"{target.DisplayName} left the call.", ct);
    }

    private async Task EnsureGoingOnAsync(Conversation conversation, Agent target)
    {
        if (conversation.IsAssignedTo(target.Id) || !await queue.HoldsAsync(conversation.Id, target.Id))
        {
            throw HubErrors.Create(HubErrors.Conflict, $"No warm transfer of conversation '{conversation.Id}' to {target.DisplayName} is going on.");
        }
    }
}

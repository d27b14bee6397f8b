using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Features.Routing;

/// <summary>A supervisor gives any open conversation to an agent at once, within that agent's capacity.</summary>
public sealed class Reassign(
    IConversationStore conversations,
    TicketDesk desk,
    ConversationMessages messages,
    ChatNotifier notifier,
    RoutingGateway queue,
    ChannelHooks channels,
    TimeProvider time)
{
    public async Task ReassignAsync(Conversation conversation, Agent supervisor, Agent target, CancellationToken ct)
    {
        await queue.EnsureAgentAsync(target);
        if (!await queue.TryAssignAsync(conversation, target.Id))
        {
            throw HubErrors.Create(HubErrors.Conflict, $"{target.DisplayName} is at capacity or the conversation is being offered to someone else.");
        }

        if (!await conversations.TryReassignAsync(conversation.Id, target.Id, time.GetUtcNow(), ct))
        {
            await queue.ReleaseAssignmentAsync(conversation.Id, conversation.Channel, target.Id);
            throw HubErrors.Create(HubErrors.Closed, $"Conversation '{conversation.Id}' is closed.");
        }

        // Whoever held it before, also an agent whose accept the copy read above predates.
        await queue.ReleaseOthersAsync(conversation.Id, target.Id);

        await desk.RecordAgentAsync(conversation.TicketId, target.Id, ct);
        var moved = await conversations.ReloadAsync(conversation.Id, ct);
        await notifier.DequeuedAsync(moved.Id);
        await messages.SendSystemAsync(moved, $"{target.DisplayName} took over the conversation (assigned by {supervisor.DisplayName}).", ct);
        await notifier.ConversationChangedAsync(moved, target.DisplayName);
        await notifier.AssignedAsync(moved, target);
        await channels.AssignedAsync(moved, target, ct); // a caller, waiting or talking, is put through to the new agent
    }
}

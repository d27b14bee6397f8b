using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Features.Chat;

/// <summary>An agent opens a closed conversation again (the fix did not hold) and takes it; the ticket is reopened.</summary>
public sealed class ReopenConversation(
    IConversationStore conversations,
    TicketDesk desk,
    ConversationMessages messages,
    ChatNotifier notifier,
    RoutingGateway queue,
    TimeProvider time)
{
    public async Task<Conversation> ReopenAsync(Conversation conversation, Agent agent, CancellationToken ct)
    {
        if (!conversation.CanBeReopened)
        {
            throw HubErrors.Create(HubErrors.Conflict, $"Conversation '{conversation.Id}' is still open.");
        }

        if (!await queue.TryAssignAsync(conversation, agent.Id))
        {
            throw HubErrors.Create(HubErrors.Conflict, "You are at capacity: finish a conversation first.");
        }

        if (!await conversations.TryReopenAsync(conversation.Id, agent.Id, time.GetUtcNow(), ct))
        {
            await queue.ReleaseAssignmentAsync(conversation.Id, conversation.Channel, agent.Id);
            throw HubErrors.Create(HubErrors.Conflict, $"Conversation '{conversation.Id}' is still open.");
        }

        await desk.ReopenAsync(conversation.TicketId, agent.Id, ct);
        var reopened = await conversations.ReloadAsync(conversation.Id, ct);
        await messages.SendSystemAsync(reopened, $"{agent.DisplayName} reopened the conversation.", ct);
        await notifier.ConversationChangedAsync(reopened, agent.DisplayName);
        return reopened;
    }
}

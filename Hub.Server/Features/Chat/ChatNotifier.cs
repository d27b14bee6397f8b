using Microsoft.AspNetCore.SignalR;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// Fans chat events out: to the customer's connections (all tabs) and to the staff group of the
/// conversation. Private notes never go to the customer. With the Redis backplane this crosses nodes.
/// </summary>
public sealed class ChatNotifier(
    IHubContext<CustomerHub, ICustomerClient> customers,
    IHubContext<AgentHub, IAgentClient> staff)
{
    public Task MessageStoredAsync(Conversation conversation, ChatMessage message)
    {
        var dto = message.ToDto();
        var toStaff = staff.Clients.Group(ChatGroups.ConversationStaff(conversation.Id)).MessageReceived(dto);
        return message.Kind == MessageKind.PrivateNote
            ? toStaff
            : Task.WhenAll(toStaff, customers.Clients.User(conversation.CustomerId).MessageReceived(dto));
    }

    public Task ConversationChangedAsync(Conversation conversation, string? agentName)
    {
        var dto = conversation.ToDto(agentName);
        return Task.WhenAll(
            staff.Clients.Group(ChatGroups.ConversationStaff(conversation.Id)).ConversationChanged(dto),
            customers.Clients.User(conversation.CustomerId).ConversationChanged(dto));
    }

    /// <summary>Every device of the agent starts following the conversation it was given.</summary>
    public Task AssignedAsync(Conversation conversation, Agents.Agent agent) =>
        staff.Clients.User(agent.Id).ConversationChanged(conversation.ToDto(agent.DisplayName));

    /// <summary>The conversation waits for an agent again (passed on, its agent lost, moved to a level): its views show nobody, queue views list it.</summary>
    public async Task WaitingAgainAsync(Conversation conversation)
    {
        await ConversationChangedAsync(conversation, null);
        await QueuedAsync(conversation.ToQueueItem());
    }

    public Task QueuedAsync(QueueItemDto item) => staff.Clients.Group(ChatGroups.Staff).ConversationQueued(item);

    public Task DequeuedAsync(string conversationId) =>
        staff.Clients.Group(ChatGroups.Staff).ConversationDequeued(new ConversationRequest(conversationId));

    public Task TypingAsync(Conversation conversation, TypingDto typing) =>
        typing.Role == SenderRole.Customer
            ? staff.Clients.Group(ChatGroups.ConversationStaff(conversation.Id)).TypingChanged(typing)
            : customers.Clients.User(conversation.CustomerId).TypingChanged(typing);

    public Task ReadAsync(Conversation conversation, ReadDto read) =>
        read.Role == SenderRole.Customer
            ? staff.Clients.Group(ChatGroups.ConversationStaff(conversation.Id)).MessagesRead(read)
            : customers.Clients.User(conversation.CustomerId).MessagesRead(read);
}

namespace SupportHub.Server.Features.Chat;

/// <summary>Events the server sends to customer connections.</summary>
public interface ICustomerClient
{
    Task MessageReceived(MessageDto message);

    Task TypingChanged(TypingDto typing);

    Task MessagesRead(ReadDto read);

    Task ConversationChanged(ConversationDto conversation);

    Task QueuePositionChanged(Routing.QueuePositionDto position);

    /// <summary>Nobody can take the conversation now: offer the customer to leave a message.</summary>
    Task AgentsUnavailable(Routing.AgentsUnavailableDto notice);
}

namespace SupportHub.Server.Features.Chat;

/// <summary>Events the server sends to customer connections.</summary>
public interface ICustomerClient
{
    Task MessageReceived(MessageDto message);

    Task TypingChanged(TypingDto typing);

    Task MessagesRead(ReadDto read);

    Task ConversationChanged(ConversationDto conversation);
}

namespace SupportHub.Server.Features.Chat;

/// <summary>Events the server sends to staff connections.</summary>
public interface IAgentClient
{
    Task MessageReceived(MessageDto message);

    Task TypingChanged(TypingDto typing);

    Task MessagesRead(ReadDto read);

    Task ConversationChanged(ConversationDto conversation);

    Task ConversationQueued(QueueItemDto item);

    Task ConversationDequeued(ConversationRequest conversation);
}

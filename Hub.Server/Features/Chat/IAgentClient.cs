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

    /// <summary>The router offers this agent a conversation until the deadline.</summary>
    Task OfferReceived(Routing.OfferDto offer);

    /// <summary>An offer ended without being accepted here (expired, taken elsewhere, withdrawn).</summary>
    Task OfferWithdrawn(ConversationRequest conversation);

    Task PresenceChanged(Routing.PresenceChangedDto presence);
}

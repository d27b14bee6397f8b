namespace SupportHub.Server.Features.Chat;

/// <summary>
/// The store refused a message that needs an open conversation (<see cref="Conversation.NeedsOpen"/>)
/// because the conversation was closed, checked in the same atomic step that stores it.
/// </summary>
public sealed class ConversationClosedException(string conversationId)
    : InvalidOperationException($"Conversation {conversationId} is closed.")
{
    public string ConversationId { get; } = conversationId;
}

namespace SupportHub.Server.Features.Chat;

/// <summary>A message before the store gives it its seq.</summary>
public sealed record NewMessage(
    string ConversationId,
    string? ClientMessageId,
    SenderRole SenderRole,
    string? SenderId,
    string? SenderName,
    MessageKind Kind,
    string Text,
    DateTimeOffset SentAt)
{
    /// <summary>The message as stored once the store has given it <paramref name="seq"/>.</summary>
    public ChatMessage ToStored(long seq) => new()
    {
        Id = MessageIds.For(ConversationId, seq),
        ConversationId = ConversationId,
        Seq = seq,
        ClientMessageId = ClientMessageId,
        SenderRole = SenderRole,
        SenderId = SenderId,
        SenderName = SenderName,
        Kind = Kind,
        Text = Text,
        SentAt = SentAt,
    };
}

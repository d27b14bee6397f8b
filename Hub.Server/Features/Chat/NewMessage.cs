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
    DateTimeOffset SentAt);

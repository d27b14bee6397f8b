namespace SupportHub.Server.Features.Chat;

/// <summary>One stored entry of a transcript. <see cref="Seq"/> is gap-free per conversation.</summary>
public sealed class ChatMessage
{
    /// <summary>The text an anonymized message keeps (<see cref="TranscriptErasure.Anonymize"/>).</summary>
    public const string ErasedText = "[erased]";

    /// <summary>Built by <see cref="MessageIds.For"/>, so the store orders and dedupes by it.</summary>
    public required string Id { get; set; }

    public required string ConversationId { get; set; }

    public long Seq { get; set; }

    public string? ClientMessageId { get; set; }

    public SenderRole SenderRole { get; set; }

    public string? SenderId { get; set; }

    public string? SenderName { get; set; }

    public MessageKind Kind { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset SentAt { get; set; }
}

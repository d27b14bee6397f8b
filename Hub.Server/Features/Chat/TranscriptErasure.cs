namespace SupportHub.Server.Features.Chat;

/// <summary>What erasing a conversation does to its messages.</summary>
public enum TranscriptErasure
{
    /// <summary>Every message stays with its seq, sender role and time; its text becomes <see cref="ChatMessage.ErasedText"/> and a customer's name is cleared.</summary>
    Anonymize,

    /// <summary>The messages are removed; the conversation keeps its counts (LastSeq).</summary>
    Delete,
}

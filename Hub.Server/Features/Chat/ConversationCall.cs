namespace SupportHub.Server.Features.Chat;

/// <summary>
/// The phone call behind a voice conversation, kept as fields so that nobody reads it out of the
/// conversation's id (the id stays deterministic only so that repeated webhooks find it).
/// </summary>
public sealed class ConversationCall
{
    /// <summary>Twilio's id of the call; for a follow-up, the call that left it.</summary>
    public required string CallSid { get; set; }

    public CallKind Kind { get; set; }

    /// <summary>The number the caller called from (E.164, e.g. +4917012345678); null when Twilio gave none that can be called back.</summary>
    public string? CallerNumber { get; set; }
}

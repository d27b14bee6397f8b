namespace SupportHub.Server.Features.Chat;

public enum MessageKind
{
    Text,
    System,

    /// <summary>Seen by agents only, never sent to the customer.</summary>
    PrivateNote,

    /// <summary>What was said on a phone call, transcribed by Twilio; shown to agents in the transcript.</summary>
    Transcript,
}

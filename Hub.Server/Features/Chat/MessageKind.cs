namespace SupportHub.Server.Features.Chat;

public enum MessageKind
{
    Text,
    System,

    /// <summary>Seen by agents only, never sent to the customer.</summary>
    PrivateNote,
}

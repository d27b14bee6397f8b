namespace SupportHub.Server.Features.Chat;

public enum ConversationStatus
{
    /// <summary>Waiting in the queue for an agent.</summary>
    Waiting,

    /// <summary>An agent has it.</summary>
    Active,

    /// <summary>The customer ended it before it was resolved.</summary>
    Ended,

    /// <summary>An agent resolved it; the ticket carries the resolution.</summary>
    Resolved,
}

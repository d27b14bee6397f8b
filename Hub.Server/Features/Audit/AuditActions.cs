namespace SupportHub.Server.Features.Audit;

/// <summary>The actions the audit log records (docs/security.md#audit-log), as stored in <see cref="AuditEntry.Action"/>.</summary>
public static class AuditActions
{
    public const string SignInSucceeded = "sign_in.succeeded";
    public const string SignInFailed = "sign_in.failed";

    /// <summary>Staff read a conversation's transcript that is not assigned to them (agent hub Open or Resume).</summary>
    public const string TranscriptRead = "transcript.read";

    /// <summary>Staff read a ticket, or the list of a customer's tickets, over the tickets API.</summary>
    public const string TicketRead = "ticket.read";

    public const string OfferAccepted = "conversation.accepted";
    public const string Claimed = "conversation.claimed";
    public const string Transferred = "conversation.transferred";
    public const string Reassigned = "conversation.reassigned";
    public const string Escalated = "conversation.escalated";
    public const string Reopened = "conversation.reopened";

    /// <summary>A supervisor ended every waiting conversation started from one address (docs/security.md#limits).</summary>
    public const string FloodPurged = "queue.flood_purged";

    // Recorded by team administration and privacy operations.
    public const string AgentCreated = "agent.created";
    public const string AgentChanged = "agent.changed";
    public const string AgentDisabled = "agent.disabled";
    public const string AgentEnabled = "agent.enabled";
    public const string RolesChanged = "agent.roles_changed";
    public const string PasswordChanged = "agent.password_changed";
    public const string SessionsRevoked = "agent.sessions_revoked";
    public const string CustomerExported = "customer.exported";
    public const string CustomerErased = "customer.erased";
    public const string RetentionRun = "retention.run";
}

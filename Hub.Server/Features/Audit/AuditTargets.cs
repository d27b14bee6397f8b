namespace SupportHub.Server.Features.Audit;

/// <summary>The kinds of record an <see cref="AuditEntry"/> names as its target.</summary>
public static class AuditTargets
{
    public const string Conversation = "conversation";
    public const string Ticket = "ticket";
    public const string Agent = "agent";
    public const string Customer = "customer";
    public const string Hub = "hub";
}

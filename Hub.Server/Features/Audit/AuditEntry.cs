namespace SupportHub.Server.Features.Audit;

/// <summary>
/// One line of the audit log: who did what to which record, when and from where. Entries are only
/// ever added (<see cref="IAuditLog.AppendAsync"/>); nothing in Hub changes or deletes one.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Time-ordered (<see cref="HubIds.New"/>): the log's order, newest first, is by id.</summary>
    public string Id { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    /// <summary>The agent's or customer's id; null for an anonymous caller (a failed sign-in).</summary>
    public string? ActorId { get; set; }

    public AuditActorKind ActorKind { get; set; }

    /// <summary>The agent's display name, or the e-mail a failed sign-in tried (never the password).</summary>
    public string? ActorName { get; set; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>One of <see cref="AuditTargets"/>.</summary>
    public string TargetType { get; set; } = string.Empty;

    public string? TargetId { get; set; }

    /// <summary>Plain words for a person reading the log, e.g. "to level 2: database corruption suspected".</summary>
    public string? Details { get; set; }

    /// <summary>The caller's address as the server saw it (behind a configured proxy: the forwarded one).</summary>
    public string? ClientAddress { get; set; }

    /// <summary>
    /// The entry for <paramref name="actor"/> doing <paramref name="action"/> to a target; the
    /// <see cref="AuditTrail"/> gives it its id and time when it is recorded.
    /// </summary>
    public static AuditEntry For(AuditActor actor, string action, string targetType, string? targetId, string? details = null) =>
        new()
        {
            ActorId = actor.Id,
            ActorKind = actor.Kind,
            ActorName = actor.Name,
            ClientAddress = actor.ClientAddress,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Details = details,
        };
}

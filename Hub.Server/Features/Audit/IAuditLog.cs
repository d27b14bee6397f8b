namespace SupportHub.Server.Features.Audit;

/// <summary>The audit log's store: append-only. Every adapter passes AuditLogContract.</summary>
public interface IAuditLog
{
    /// <summary>Adds the entry, which has its id and time already; an id that is stored already throws.</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken ct = default);

    /// <summary>
    /// Entries matching every filter that is set, newest first (by id), at most
    /// <see cref="AuditQuery.Limit"/>, and only those older than <see cref="AuditQuery.Before"/> when set.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken ct = default);
}

namespace SupportHub.Server.Features.Audit;

/// <summary>
/// What features call to record an action. <see cref="RecordAsync"/> is fail-closed: call it before
/// the change, so that when the log cannot be written the change is refused. <see cref="TryRecordAsync"/>
/// is best-effort, for reads and routine work: a failure of the log is logged as an error and the
/// caller's action stands. Both give the entry its id and time.
/// </summary>
public sealed class AuditTrail(IAuditLog log, TimeProvider time, ILogger<AuditTrail> logger)
{
    /// <summary>Fail-closed: throws when the entry cannot be stored.</summary>
    public Task RecordAsync(AuditEntry entry, CancellationToken ct = default)
    {
        entry.Id = HubIds.New(time);
        entry.At = time.GetUtcNow();
        return log.AppendAsync(entry, ct);
    }

    /// <summary>Best-effort: never throws for a failure of the store.</summary>
    public async Task TryRecordAsync(AuditEntry entry, CancellationToken ct = default)
    {
        try
        {
            await RecordAsync(entry, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            AuditLogMessages.RecordFailed(logger, e, entry.Action, entry.TargetType, entry.TargetId, entry.ActorId);
        }
    }

    /// <summary>One page of the log, newest first.</summary>
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct = default)
    {
        // One more than the page, to know whether another page follows.
        var entries = await log.QueryAsync(query with { Limit = query.PageSize + 1 }, ct);
        return entries.Count > query.PageSize
            ? new AuditPage(entries.Take(query.PageSize).ToList(), entries[query.PageSize - 1].Id)
            : new AuditPage(entries, null);
    }
}

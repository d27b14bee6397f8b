using LiteDB;
using SupportHub.Server.Features.Audit;

namespace SupportHub.Server.Infrastructure.LiteDb;

/// <summary>The audit log in the LiteDB file: inserts only; the _id index refuses a second entry with one id.</summary>
internal sealed class LiteDbAuditLog : IAuditLog
{
    private readonly ILiteCollection<AuditEntry> entries;

    public LiteDbAuditLog(LiteDbContext db)
    {
        entries = db.Database.GetCollection<AuditEntry>(LiteDbCollections.Audit);
        entries.EnsureIndex(e => e.At);
        entries.EnsureIndex(e => e.ActorId);
        entries.EnsureIndex(e => e.TargetId);
    }

    public Task AppendAsync(AuditEntry entry, CancellationToken ct = default)
    {
        entries.Insert(entry);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken ct = default)
    {
        var found = entries.Query();
        if (query.ActorId is { } actorId)
        {
            found = found.Where(e => e.ActorId == actorId);
        }

        if (query.Action is { } action)
        {
            found = found.Where(e => e.Action == action);
        }

        if (query.TargetType is { } targetType)
        {
            found = found.Where(e => e.TargetType == targetType);
        }

        if (query.TargetId is { } targetId)
        {
            found = found.Where(e => e.TargetId == targetId);
        }

        if (query.From is { } from)
        {
            found = found.Where(e => e.At >= from);
        }

        if (query.To is { } to)
        {
            found = found.Where(e => e.At < to);
        }

        if (query.Before is { } before)
        {
            found = found.Where(Query.LT("_id", before));
        }

        IReadOnlyList<AuditEntry> page = found.OrderByDescending(e => e.Id).Limit(query.PageSize).ToList();
        return Task.FromResult(page);
    }
}

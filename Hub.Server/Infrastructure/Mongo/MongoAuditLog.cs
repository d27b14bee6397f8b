using MongoDB.Driver;
using SupportHub.Server.Features.Audit;
using static SupportHub.Server.Infrastructure.Mongo.MongoQueries;

namespace SupportHub.Server.Infrastructure.Mongo;

/// <summary>The audit log in MongoDB: insert-only (no update or delete is ever sent to its collection).</summary>
internal sealed class MongoAuditLog : IAuditLog
{
    private readonly IMongoCollection<AuditEntry> entries;

    public MongoAuditLog(IMongoDatabase database)
    {
        MongoMappings.EnsureRegistered();
        entries = database.GetCollection<AuditEntry>(MongoCollections.Audit).WithReadPreference(ReadPreference.Primary);
    }

    public Task AppendAsync(AuditEntry entry, CancellationToken ct = default) =>
        entries.InsertOneAsync(entry, cancellationToken: ct);

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken ct = default) =>
        await entries.Find(AuditFilter(query)).Sort(AuditNewestFirst).Limit(query.PageSize).ToListAsync(ct);
}

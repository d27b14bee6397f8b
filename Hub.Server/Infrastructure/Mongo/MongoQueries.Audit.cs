using MongoDB.Driver;
using SupportHub.Server.Features.Audit;

namespace SupportHub.Server.Infrastructure.Mongo;

internal static partial class MongoQueries
{
    private static FilterDefinitionBuilder<AuditEntry> AuditWhere => Builders<AuditEntry>.Filter;

    /// <summary>Newest first: ids are time-ordered, and the _id index serves the sort.</summary>
    public static SortDefinition<AuditEntry> AuditNewestFirst { get; } = Builders<AuditEntry>.Sort.Descending(e => e.Id);

    /// <summary>Every filter of the query that is set, and-ed; none set matches every entry.</summary>
    public static FilterDefinition<AuditEntry> AuditFilter(AuditQuery query)
    {
        var filters = new List<FilterDefinition<AuditEntry>>();
        if (query.ActorId is { } actorId)
        {
            filters.Add(AuditWhere.Eq(e => e.ActorId, actorId));
        }

        if (query.Action is { } action)
        {
            filters.Add(AuditWhere.Eq(e => e.Action, action));
        }

        if (query.TargetType is { } targetType)
        {
            filters.Add(AuditWhere.Eq(e => e.TargetType, targetType));
        }

        if (query.TargetId is { } targetId)
        {
            filters.Add(AuditWhere.Eq(e => e.TargetId, targetId));
        }

        if (query.From is { } from)
        {
            filters.Add(AuditWhere.Gte(e => e.At, from));
        }

        if (query.To is { } to)
        {
            filters.Add(AuditWhere.Lt(e => e.At, to));
        }

        if (query.Before is { } before)
        {
            filters.Add(AuditWhere.Lt(e => e.Id, before));
        }

        return filters.Count == 0 ? AuditWhere.Empty : AuditWhere.And(filters);
    }
}

using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SupportHub.Server.Features.Audit;
using SupportHub.Server.Infrastructure.Mongo;

namespace SupportHub.Tests.Storage;

/// <summary>Pins what the audit log sends to MongoDB: its filters, sort and indexes, rendered as the driver puts them on the wire.</summary>
public sealed class MongoAuditRenderingTests
{
    private static readonly JsonWriterSettings Shell = new() { OutputMode = JsonOutputMode.Shell };
    private static readonly DateTimeOffset At = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(1));

    public MongoAuditRenderingTests() => MongoMappings.EnsureRegistered();

    [Fact]
    public void AuditEntryDocument_HasIdStringKindAndDate()
    {
        var document = new AuditEntry { Id = "e1", At = At, ActorKind = AuditActorKind.Agent, Action = AuditActions.Reopened, TargetType = "conversation" }
            .ToBsonDocument();

        Assert.Equal("e1", document["_id"].AsString);
        Assert.Equal("Agent", document["ActorKind"].AsString);
        Assert.Equal("ISODate(\"2026-11-26T09:00:00Z\")", document["At"].ToJson(Shell));
    }

    [Fact]
    public void AuditFilter_WithNothingSet_MatchesEverything()
    {
        Assert.Equal("{ }", Render(MongoQueries.AuditFilter(new AuditQuery())));
        Assert.Equal("""{ "_id" : -1 }""", MongoQueries.AuditNewestFirst.Render(Args()).ToJson(Shell));
    }

    [Fact]
    public void AuditFilter_AndsEveryFilterThatIsSet()
    {
        var query = new AuditQuery("a1", AuditActions.TicketRead, "ticket", "t1", At, At.AddHours(1), "e9", 10);

        Assert.Equal(
            """
            { "ActorId" : "a1", "Action" : "ticket.read", "TargetType" : "ticket", "TargetId" : "t1", "At" : { "$gte" : ISODate("2026-11-26T09:00:00Z"), "$lt" : ISODate("2026-11-26T10:00:00Z") }, "_id" : { "$lt" : "e9" } }
            """,
            Render(MongoQueries.AuditFilter(query)));
    }

    [Fact]
    public void AuditIndexes_ServeTimeActorAndTarget_NewestFirst()
    {
        Assert.Equal(
            ["""{ "At" : -1 }""", """{ "ActorId" : 1, "_id" : -1 }""", """{ "TargetType" : 1, "TargetId" : 1, "_id" : -1 }"""],
            MongoIndexes.AuditIndexes.Select(i => i.Keys.Render(Args()).ToJson(Shell)));
    }

    private static RenderArgs<AuditEntry> Args() =>
        new(BsonSerializer.SerializerRegistry.GetSerializer<AuditEntry>(), BsonSerializer.SerializerRegistry);

    private static string Render(FilterDefinition<AuditEntry> filter) => filter.Render(Args()).ToJson(Shell);
}

using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SupportHub.Server.Features.Tickets;
using SupportHub.Server.Infrastructure.Mongo;

namespace SupportHub.Tests.Storage;

/// <summary>
/// Pins the ticket changes the Mongo adapter sends (a sibling of MongoQueryRenderingTests): each is
/// one targeted update of its own fields, never a replace, so concurrent changes cannot undo each other.
/// </summary>
public sealed class MongoTicketUpdateRenderingTests
{
    private static readonly JsonWriterSettings Shell = new() { OutputMode = JsonOutputMode.Shell };
    private static readonly DateTimeOffset At = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(1));

    public MongoTicketUpdateRenderingTests() => MongoMappings.EnsureRegistered();

    [Fact]
    public void TicketChanges_MatchTheTicketById() =>
        Assert.Equal("""{ "_id" : "t1" }""", Render(MongoQueries.TicketById("t1")));

    [Fact]
    public void SetLastAgent_SetsOnlyTheAgentAndUpdatedAt() =>
        Assert.Equal(
            """{ "$set" : { "LastAgentId" : "a1", "UpdatedAt" : ISODate("2026-11-26T09:00:00Z") } }""",
            Render(MongoQueries.SetLastAgentUpdate("a1", At)));

    [Fact]
    public void Escalation_SetsLevelAndStatus_AndPushesTheHistoryEntry() =>
        Assert.Equal(
            """{ "$set" : { "Level" : 3, "Status" : "Escalated", "UpdatedAt" : ISODate("2026-11-26T09:00:00Z") }"""
            + """, "$push" : { "LevelHistory" : { "Level" : 3, "At" : ISODate("2026-11-26T09:00:00Z"), "ByAgentId" : "a1", "Reason" : "hard case", "Note" : "see logs" } } }""",
            Render(MongoQueries.ChangeLevelUpdate(
                new LevelChange { Level = 3, At = At, ByAgentId = "a1", Reason = "hard case", Note = "see logs" }, TicketStatus.Escalated, At)));

    [Fact]
    public void WorkflowMoveWithoutStatus_LeavesTheStatusAlone() =>
        Assert.Equal(
            """{ "$set" : { "Level" : 1, "UpdatedAt" : ISODate("2026-11-26T09:00:00Z") }"""
            + """, "$push" : { "LevelHistory" : { "Level" : 1, "At" : ISODate("2026-11-26T09:00:00Z"), "ByAgentId" : null, "Reason" : "timeout", "Note" : null } } }""",
            Render(MongoQueries.ChangeLevelUpdate(new LevelChange { Level = 1, At = At, Reason = "timeout" }, null, At)));

    [Fact]
    public void Resolve_SetsStatusResolutionTimeAndAgent() =>
        Assert.Equal(
            """{ "$set" : { "Status" : "Resolved", "Resolution" : "fixed", "ResolvedAt" : ISODate("2026-11-26T09:00:00Z")"""
            + """, "LastAgentId" : "a1", "UpdatedAt" : ISODate("2026-11-26T09:00:00Z") } }""",
            Render(MongoQueries.ResolveTicketUpdate("a1", "fixed", At)));

    [Fact]
    public void Reopen_ClearsTheResolutionTime_AndKeepsTheResolutionText() =>
        Assert.Equal(
            """{ "$set" : { "Status" : "Reopened", "ResolvedAt" : null, "LastAgentId" : "a2", "UpdatedAt" : ISODate("2026-11-26T09:00:00Z") } }""",
            Render(MongoQueries.ReopenTicketUpdate("a2", At)));

    [Fact]
    public void AddConversation_UsesAddToSet_AndAnswersTheTicketAfterTheChange()
    {
        Assert.Equal(
            """{ "$addToSet" : { "ConversationIds" : "c9" }, "$set" : { "UpdatedAt" : ISODate("2026-11-26T09:00:00Z") } }""",
            Render(MongoQueries.AddConversationUpdate("c9", At)));
        Assert.Equal(ReturnDocument.After, MongoQueries.TicketAfterUpdate.ReturnDocument);
        Assert.False(MongoQueries.TicketAfterUpdate.IsUpsert);
    }

    private static RenderArgs<Ticket> Args() =>
        new(BsonSerializer.SerializerRegistry.GetSerializer<Ticket>(), BsonSerializer.SerializerRegistry);

    private static string Render(FilterDefinition<Ticket> filter) => filter.Render(Args()).ToJson(Shell);

    private static string Render(UpdateDefinition<Ticket> update) => update.Render(Args()).ToJson(Shell);
}

using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Tickets;
using SupportHub.Server.Infrastructure.Mongo;

namespace SupportHub.Tests.Storage;

/// <summary>
/// Pins what the Mongo adapter sends for export, erasure and retention (a sibling of
/// MongoQueryRenderingTests): the erasure's mark comes first and only once, later steps are idempotent,
/// a replace never matches an erased customer, a ticket's history is rewritten only while unchanged.
/// </summary>
public sealed class MongoPrivacyRenderingTests
{
    private static readonly JsonWriterSettings Shell = new() { OutputMode = JsonOutputMode.Shell };
    private static readonly DateTimeOffset At = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(1));

    public MongoPrivacyRenderingTests() => MongoMappings.EnsureRegistered();

    [Fact]
    public void EraseMark_MatchesAClosedConversationNotMarkedYet_AndSetsOnlyTheMark()
    {
        Assert.Equal(
            """{ "_id" : "c1", "Status" : { "$in" : ["Ended", "Resolved"] }, "ErasedAt" : null }""",
            Render(MongoQueries.EraseMarkFilter("c1")));
        Assert.Equal("""{ "$set" : { "ErasedAt" : ISODate("2026-11-26T09:00:00Z") } }""", Render(MongoQueries.EraseMarkUpdate(At)));
    }

    [Fact]
    public void EraseFields_MatchAMarkedClosedConversation_AndClearTheCustomersFields()
    {
        Assert.Equal(
            """{ "_id" : "c1", "Status" : { "$in" : ["Ended", "Resolved"] }, "ErasedAt" : { "$ne" : null } }""",
            Render(MongoQueries.MarkedErasedFilter("c1")));
        Assert.Equal(
            """{ "$set" : { "CustomerName" : null, "Topic" : null, "RatingComment" : null } }""",
            Render(MongoQueries.EraseFieldsUpdate));
        Assert.Equal(
            """{ "_id" : "c1", "Status" : { "$in" : ["Ended", "Resolved"] }, "Call" : { "$type" : 3 } }""",
            Render(MongoQueries.ClosedCallFilter("c1")));
        Assert.Equal("""{ "$set" : { "Call.CallerNumber" : null } }""", Render(MongoQueries.EraseCallerNumberUpdate));
    }

    [Fact]
    public void ErasedMessages_KeepTheirSeq_LoseTheirText_AndTheCustomersName()
    {
        Assert.Equal("""{ "$set" : { "Text" : "[erased]" } }""", Render(MongoQueries.AnonymizeMessageUpdate));
        Assert.Equal("""{ "ConversationId" : "c1", "SenderRole" : "Customer" }""", Render(MongoQueries.CustomerMessagesOf("c1")));
        Assert.Equal("""{ "$set" : { "SenderName" : null } }""", Render(MongoQueries.ClearSenderNameUpdate));
    }

    [Fact]
    public void Retention_ListsClosedConversationsNotErased_ClosedBeforeTheCutoff_OldestCloseFirst()
    {
        Assert.Equal(
            """{ "Status" : { "$in" : ["Ended", "Resolved"] }, "ErasedAt" : null, "ClosedAt" : { "$lt" : ISODate("2026-11-26T09:00:00Z") } }""",
            Render(MongoQueries.ClosedBefore(At)));
        Assert.Equal("""{ "ClosedAt" : 1 }""", Render(MongoQueries.OldestCloseFirst));
    }

    [Fact]
    public void CustomerErasure_ClearsAndMarksInOneUpdate_AndAReplaceMatchesOnlyACustomerNotErased()
    {
        Assert.Equal("""{ "_id" : "u1", "ErasedAt" : null }""", Render(MongoQueries.ReplaceableCustomer("u1")));
        Assert.Equal("""{ "_id" : "u1", "ErasedAt" : null }""", Render(MongoQueries.CustomerNotMarkedErased("u1")));
        Assert.Equal(
            """{ "$set" : { "Name" : null, "Email" : null, "ExternalId" : null, "PhoneNumber" : null, "ErasedAt" : ISODate("2026-11-26T09:00:00Z") } }""",
            Render(MongoQueries.FirstEraseCustomerUpdate(At)));
        Assert.Equal(
            """{ "$set" : { "Name" : null, "Email" : null, "ExternalId" : null, "PhoneNumber" : null } }""",
            Render(MongoQueries.EraseCustomerUpdate));
    }

    [Fact]
    public void CustomerSearch_MatchesAnyGivenField_TheExternalIdThroughItsPartialIndex()
    {
        Assert.Equal(
            """{ "$or" : [{ "Email" : "a@b.c" }, { "PhoneNumber" : "+491" }, { "$and" : [{ "ExternalId" : "x1" }, { "ExternalId" : { "$type" : 2 } }] }] }""",
            Render(MongoQueries.CustomerSearch("a@b.c", "+491", "x1")!));
        Assert.Equal("""{ "Email" : "a@b.c" }""", Render(MongoQueries.CustomerSearch("a@b.c", null, null)!));
        Assert.Null(MongoQueries.CustomerSearch(null, null, null));
        Assert.Equal("""{ "CreatedAt" : 1 }""", Render(MongoQueries.CustomersOldestFirst));
    }

    [Fact]
    public void TicketAnonymization_RewritesTheHistoryWithoutTexts_OnlyWhileItHasTheEntriesRead()
    {
        Assert.Equal("""{ "_id" : "t1", "LevelHistory" : { "$size" : 2 } }""", Render(MongoQueries.TicketWithHistoryCount("t1", 2)));
        Assert.Equal(
            """{ "$set" : { "Subject" : null, "Resolution" : null, "LevelHistory" : [{ "Level" : 2, "At" : ISODate("2026-11-26T09:00:00Z"), "ByAgentId" : "a1", "Reason" : null, "Note" : null }]"""
            + """, "UpdatedAt" : ISODate("2026-11-26T09:00:00Z") } }""",
            Render(MongoQueries.AnonymizeTicketUpdate([new LevelChange { Level = 2, At = At, ByAgentId = "a1", Reason = "Carla", Note = "4242" }], At)));
    }

    private static RenderArgs<T> Args<T>() =>
        new(BsonSerializer.SerializerRegistry.GetSerializer<T>(), BsonSerializer.SerializerRegistry);

    private static string Render<T>(FilterDefinition<T> filter) => filter.Render(Args<T>()).ToJson(Shell);

    private static string Render<T>(UpdateDefinition<T> update) => update.Render(Args<T>()).ToJson(Shell);

    private static string Render<T>(SortDefinition<T> sort) => sort.Render(Args<T>()).ToJson(Shell);
}

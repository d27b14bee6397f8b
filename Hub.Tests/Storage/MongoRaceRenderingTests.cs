using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Infrastructure.Mongo;
using Xunit;

namespace SupportHub.Tests.Storage;

/// <summary>
/// Pins the Mongo side of the race fixes, as MongoQueryRenderingTests does for the rest: the unique
/// start index and the lookup that matches its partial filter.
/// </summary>
public sealed class MongoRaceRenderingTests
{
    private static readonly JsonWriterSettings Shell = new() { OutputMode = JsonOutputMode.Shell };

    public MongoRaceRenderingTests() => MongoMappings.EnsureRegistered();

    [Fact]
    public void StartIndex_IsUniquePerCustomerAndStartKey_OnlyWhereTheKeyIsAString()
    {
        var index = MongoIndexes.ConversationsByStart;
        var options = (CreateIndexOptions<Conversation>)index.Options;

        Assert.Equal("""{ "CustomerId" : 1, "StartClientMessageId" : 1 }""", index.Keys.Render(Args<Conversation>()).ToJson(Shell));
        Assert.True(options.Unique);
        Assert.Equal("""{ "StartClientMessageId" : { "$type" : 2 } }""", Render(options.PartialFilterExpression));
    }

    [Fact]
    public void StartLookup_RepeatsThePartialFilter_SoTheIndexServesIt()
    {
        Assert.Equal(
            """{ "$and" : [{ "CustomerId" : "u1" }, { "StartClientMessageId" : "m-1" }, { "StartClientMessageId" : { "$type" : 2 } }] }""",
            Render(MongoQueries.ConversationByStart("u1", "m-1")));
    }

    [Fact]
    public void AppendRaise_ForText_MatchesOnlyAnOpenConversation_ForOtherKindsAnyConversation_NeverAnErasedOne()
    {
        Assert.Equal(
            """{ "_id" : "c1", "Status" : { "$in" : ["Waiting", "Active"] }, "ErasedAt" : null }""",
            Render(MongoQueries.AppendRaiseFilter("c1", MessageKind.Text)));
        Assert.All(
            [MessageKind.System, MessageKind.PrivateNote, MessageKind.Transcript],
            kind => Assert.Equal("""{ "_id" : "c1", "ErasedAt" : null }""", Render(MongoQueries.AppendRaiseFilter("c1", kind))));
        Assert.Equal(
            """{ "LastSeq" : 1, "Status" : 1, "ErasedAt" : 1, "_id" : 0 }""",
            MongoQueries.AppendStateOnly.Render(Args<Conversation>()).ToJson(Shell));
    }

    [Fact]
    public void ClosingLine_IsASystemLineBelowTheSeq_WrittenAtOrAfterTheClose()
    {
        Assert.Equal(
            """{ "ConversationId" : "c1", "Seq" : { "$lt" : NumberLong(7) }, "Kind" : "System", "SentAt" : { "$gte" : ISODate("2026-11-26T09:00:00Z") } }""",
            Render(MongoQueries.ClosingLineBelow("c1", 7, new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(1)))));
        Assert.Equal("""{ "_id" : "c1-7" }""", Render(MongoQueries.MessageById("c1-7")));
    }

    [Fact]
    public void EndWaiting_MatchesOnlyAWaitingConversation()
    {
        Assert.Equal("""{ "_id" : "c1", "Status" : "Waiting" }""", Render(MongoQueries.EndWaitingFilter("c1")));
    }

    private static RenderArgs<T> Args<T>() =>
        new(BsonSerializer.SerializerRegistry.GetSerializer<T>(), BsonSerializer.SerializerRegistry);

    private static string Render<T>(FilterDefinition<T> filter) => filter.Render(Args<T>()).ToJson(Shell);
}

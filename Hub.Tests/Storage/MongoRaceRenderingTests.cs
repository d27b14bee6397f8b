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

    private static RenderArgs<T> Args<T>() =>
        new(BsonSerializer.SerializerRegistry.GetSerializer<T>(), BsonSerializer.SerializerRegistry);

    private static string Render<T>(FilterDefinition<T> filter) => filter.Render(Args<T>()).ToJson(Shell);
}

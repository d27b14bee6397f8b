using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Infrastructure.Mongo;
using Xunit;

namespace SupportHub.Tests.Storage;

/// <summary>
/// Pins the Mongo side of the recorded presence, as MongoQueryRenderingTests does for the rest: one
/// conditional update that keeps a newer change, and a replace that leaves the presence alone.
/// </summary>
public sealed class MongoPresenceRenderingTests
{
    private static readonly JsonWriterSettings Shell = new() { OutputMode = JsonOutputMode.Shell };
    private static readonly DateTimeOffset At = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(1));

    public MongoPresenceRenderingTests() => MongoMappings.EnsureRegistered();

    [Fact]
    public void PresenceFilter_MatchesTheAgent_UnlessItHoldsANewerChange() =>
        Assert.Equal(
            """{ "_id" : "a1", "$or" : [{ "PresenceChangedAt" : null }, { "PresenceChangedAt" : { "$lte" : ISODate("2026-11-26T09:00:00Z") } }] }""",
            Render(MongoQueries.PresenceFilter("a1", At)));

    [Fact]
    public void PresenceUpdate_SetsTheStatusAndWhen() =>
        Assert.Equal(
            """{ "$set" : { "Presence" : "Away", "PresenceChangedAt" : ISODate("2026-11-26T09:00:00Z") } }""",
            Render(MongoQueries.PresenceUpdate("Away", At)));

    [Fact]
    public void AgentAccountUpdate_SetsEveryAccountField_ButNotThePresenceNorTheOtherAtomicFields()
    {
        var agent = new Agent { Id = "a1", Email = "Ada@X.org", DisplayName = "Ada", PasswordHash = "h", Presence = "Available", PresenceChangedAt = At };

        var update = BsonDocument.Parse(Render(MongoQueries.AgentAccountUpdate(agent)))["$set"].AsBsonDocument;

        Assert.Equal(
            ["Email", "DisplayName", "Roles", "Levels", "Skills", "ChatCapacity", "VoiceCapacity", "PhoneNumber", "CreatedAt"],
            update.Names);
        Assert.Equal("ada@x.org", update["Email"].AsString);

        // Every stored field of an agent but its id and the fields with their own atomic update (the
        // presence, password, disabled flag, session version and link) is set, so a new field cannot be forgotten here.
        var stored = agent.ToBsonDocument().Names.Except(["_id", .. MongoQueries.AtomicAgentFields]);
        Assert.Equal(stored.Order(StringComparer.Ordinal), update.Names.Order(StringComparer.Ordinal));
    }

    private static RenderArgs<T> Args<T>() =>
        new(BsonSerializer.SerializerRegistry.GetSerializer<T>(), BsonSerializer.SerializerRegistry);

    private static string Render<T>(FilterDefinition<T> filter) => filter.Render(Args<T>()).ToJson(Shell);

    private static string Render<T>(UpdateDefinition<T> update) => update.Render(Args<T>()).ToJson(Shell);
}

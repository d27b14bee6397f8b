using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Infrastructure.Mongo;
using Xunit;

namespace SupportHub.Tests.Storage;

/// <summary>Pins the Mongo side of the account steps: each one conditional update (AgentStoreContract runs them).</summary>
public sealed class MongoAccountRenderingTests
{
    private static readonly JsonWriterSettings Shell = new() { OutputMode = JsonOutputMode.Shell };
    private static readonly DateTimeOffset At = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    public MongoAccountRenderingTests() => MongoMappings.EnsureRegistered();

    [Fact]
    public void OpenInvitationFilter_MatchesAnEnabledAgentWithThisUnexpiredLink() =>
        Assert.Equal(
            """{ "InvitationHash" : "h1", "InvitationExpiresAt" : { "$gt" : ISODate("2026-11-28T10:00:00Z") }, "Disabled" : false }""",
            Render(MongoQueries.OpenInvitationFilter("h1", At)));

    [Fact]
    public void ConsumeInvitationUpdate_SetsThePassword_ClosesTheLink_AndRaisesTheSessionVersion() =>
        Assert.Equal(
            """{ "$set" : { "PasswordHash" : "pw", "InvitationHash" : null, "InvitationExpiresAt" : null }, "$inc" : { "SessionVersion" : 1 } }""",
            Render(MongoQueries.ConsumeInvitationUpdate("pw")));

    [Fact]
    public void PasswordHashFilter_IsACompareAndSet() =>
        Assert.Equal("""{ "_id" : "a1", "PasswordHash" : "old" }""", Render(MongoQueries.PasswordHashFilter("a1", "old")));

    [Fact]
    public void PasswordHashUpdate_RaisesTheSessionVersionOnlyWhenAsked()
    {
        Assert.Equal(
            """{ "$set" : { "PasswordHash" : "new", "InvitationHash" : null, "InvitationExpiresAt" : null } }""",
            Render(MongoQueries.PasswordHashUpdate("new", endSessions: false)));
        Assert.Contains("""$inc" : { "SessionVersion" : 1 }""", Render(MongoQueries.PasswordHashUpdate("new", endSessions: true)), StringComparison.Ordinal);
    }

    [Fact]
    public void DisabledUpdate_EndsSessionsWhenDisabling_Only()
    {
        Assert.Equal("""{ "$set" : { "Disabled" : true }, "$inc" : { "SessionVersion" : 1 } }""", Render(MongoQueries.DisabledUpdate(true)));
        Assert.Equal("""{ "$set" : { "Disabled" : false } }""", Render(MongoQueries.DisabledUpdate(false)));
        Assert.Equal("""{ "$inc" : { "SessionVersion" : 1 } }""", Render(MongoQueries.EndSessionsUpdate));
    }

    [Fact]
    public void ResetPasswordUpdate_ClearsThePassword_OpensALink_AndEndsSessions() =>
        Assert.Equal(
            """{ "$set" : { "PasswordHash" : "", "InvitationHash" : "h2", "InvitationExpiresAt" : ISODate("2026-11-28T10:00:00Z") }, "$inc" : { "SessionVersion" : 1 } }""",
            Render(MongoQueries.ResetPasswordUpdate("h2", At)));

    [Fact]
    public void ProfileUpdate_SetsTheEditedFields_AsStrings_AndEndsSessionsWhenAsked()
    {
        var change = new AgentProfileChange("Ada", [AgentRole.Agent, AgentRole.Admin], [1, 2], ["billing"], 4, 1);
        Assert.Equal(
            """{ "$set" : { "DisplayName" : "Ada", "Roles" : ["Agent", "Admin"], "Levels" : [1, 2], "Skills" : ["billing"], "ChatCapacity" : 4, "VoiceCapacity" : 1 }, "$inc" : { "SessionVersion" : 1 } }""",
            Render(MongoQueries.ProfileUpdate(change, endSessions: true)));
        Assert.DoesNotContain("$inc", Render(MongoQueries.ProfileUpdate(change, endSessions: false)), StringComparison.Ordinal);
    }

    private static RenderArgs<T> Args<T>() =>
        new(BsonSerializer.SerializerRegistry.GetSerializer<T>(), BsonSerializer.SerializerRegistry);

    private static string Render<T>(FilterDefinition<T> filter) => filter.Render(Args<T>()).ToJson(Shell);

    private static string Render<T>(UpdateDefinition<T> update) => update.Render(Args<T>()).ToJson(Shell);
}

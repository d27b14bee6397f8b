using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Tickets;
using SupportHub.Server.Infrastructure.Mongo;
using Xunit;

namespace SupportHub.Tests.Storage;

/// <summary>
/// No MongoDB server runs here, so these pin what the Mongo adapter sends: every filter, update,
/// sort, projection and index rendered to BSON exactly as the driver would put it on the wire.
/// Shell output keeps Int64 (NumberLong) and dates (ISODate) visible.
/// </summary>
public sealed class MongoQueryRenderingTests
{
    private static readonly JsonWriterSettings Shell = new() { OutputMode = JsonOutputMode.Shell };
    private static readonly DateTimeOffset At = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(1));

    public MongoQueryRenderingTests() => MongoMappings.EnsureRegistered();

    [Fact]
    public void Mappings_RegisteredAgain_DoNotThrow()
    {
        MongoMappings.EnsureRegistered();
        MongoMappings.EnsureRegistered();

        Assert.True(BsonClassMap.IsClassMapRegistered(typeof(Conversation)));
    }

    [Fact]
    public void ConversationDocument_HasIdStringEnumsAndDates_WithoutIsOpen()
    {
        var document = new Conversation { Id = "c1", CustomerId = "u1", TicketId = "t1", Status = ConversationStatus.Active, CreatedAt = At }
            .ToBsonDocument();

        Assert.Equal("c1", document["_id"].AsString);
        Assert.False(document.Contains("Id"));
        Assert.Equal("Active", document["Status"].AsString);
        Assert.Equal("Chat", document["Channel"].AsString);
        Assert.Equal(BsonType.DateTime, document["CreatedAt"].BsonType);
        Assert.Equal("ISODate(\"2026-11-26T09:00:00Z\")", document["CreatedAt"].ToJson(Shell));
        Assert.Equal(BsonNull.Value, document["AssignedAt"]);
        Assert.False(document.Contains(nameof(Conversation.IsOpen)));
        Assert.False(document.Contains(nameof(Conversation.IsWaiting)));
        Assert.False(document.Contains(nameof(Conversation.IsWithAgent)));
        Assert.False(document.Contains(nameof(Conversation.CanBeReopened)));
        Assert.False(document.Contains(nameof(Conversation.IsLiveCall)));
    }

    [Fact]
    public void ConversationDocument_WithUnknownFields_ReadsBackTheSameInstant()
    {
        var document = new Conversation { Id = "c1", CustomerId = "u1", TicketId = "t1", CreatedAt = At, ClosedAt = At }.ToBsonDocument();
        document["FieldOfANewerVersion"] = 42;

        var read = BsonSerializer.Deserialize<Conversation>(document);

        Assert.Equal(At, read.CreatedAt);
        Assert.Equal(TimeSpan.Zero, read.CreatedAt.Offset);
        Assert.Equal(At, read.ClosedAt);
    }

    [Fact]
    public void AgentDocument_StoresRolesAsStrings()
    {
        var document = new Agent { Id = "a1", Email = "a@x.org", DisplayName = "A", PasswordHash = "h", Roles = [AgentRole.Agent, AgentRole.Admin] }
            .ToBsonDocument();

        Assert.Equal("""["Agent", "Admin"]""", document["Roles"].ToJson(Shell));
    }

    [Fact]
    public void TicketDocument_StoresLevelHistoryDatesAsDateTime()
    {
        var document = new Ticket { Id = "t1", CustomerId = "u1", LevelHistory = [new LevelChange { Level = 2, At = At }] }.ToBsonDocument();

        Assert.Equal("""[{ "Level" : 2, "At" : ISODate("2026-11-26T09:00:00Z"), "ByAgentId" : null, "Reason" : null, "Note" : null }]""", document["LevelHistory"].ToJson(Shell));
        Assert.Equal("Open", document["Status"].AsString);
    }

    [Fact]
    public void ClaimFilter_OnlyMatchesWaitingConversation() =>
        Assert.Equal("""{ "_id" : "c1", "Status" : "Waiting" }""", Render(MongoQueries.ClaimFilter("c1")));

    [Fact]
    public void ClaimUpdate_SetsActiveAgentAndAssignedAt() =>
        Assert.Equal(
            """{ "$set" : { "Status" : "Active", "AssignedAgentId" : "a1", "AssignedAt" : ISODate("2026-11-26T09:00:00Z") } }""",
            Render(MongoQueries.ClaimUpdate("a1", At)));

    [Fact]
    public void OpenConversationFilter_OnlyMatchesOpenStatuses() =>
        Assert.Equal("""{ "_id" : "c1", "Status" : { "$in" : ["Waiting", "Active"] } }""", Render(MongoQueries.OpenConversationFilter("c1")));

    [Fact]
    public void RequeueFilter_MatchesOpenConversations_StillHeldByTheExpectedAgent()
    {
        Assert.Equal(
            """{ "_id" : "c1", "Status" : { "$in" : ["Waiting", "Active"] }, "AssignedAgentId" : "a1" }""",
            Render(MongoQueries.RequeueFilter("c1", "a1")));
        Assert.Equal(
            """{ "_id" : "c1", "Status" : { "$in" : ["Waiting", "Active"] }, "AssignedAgentId" : null }""",
            Render(MongoQueries.RequeueFilter("c1", null)));
    }

    [Fact]
    public void RequeueUpdate_WaitsAgainAtTheLevel_WithoutAgent() =>
        Assert.Equal(
            """{ "$set" : { "Status" : "Waiting", "AssignedAgentId" : null, "AssignedAt" : null, "Level" : 3 } }""",
            Render(MongoQueries.RequeueUpdate(3)));

    [Fact]
    public void RateFilter_MatchesClosedUnratedConversationsNotErased_AndRateUpdateSetsTheRating()
    {
        Assert.Equal(
            """{ "_id" : "c1", "Status" : { "$in" : ["Ended", "Resolved"] }, "Rating" : null, "ErasedAt" : null }""",
            Render(MongoQueries.RateFilter("c1")));
        Assert.Equal(
            """{ "$set" : { "Rating" : 4, "RatingComment" : "ok", "RatedAt" : ISODate("2026-11-26T09:00:00Z") } }""",
            Render(MongoQueries.RateUpdate(4, "ok", At)));
    }

    [Fact]
    public void Reopen_MatchesClosedConversationsNotErased_AndMakesThemActiveForTheAgent()
    {
        Assert.Equal("""{ "_id" : "c1", "Status" : { "$in" : ["Ended", "Resolved"] }, "ErasedAt" : null }""", Render(MongoQueries.ReopenFilter("c1")));
        Assert.Equal(
            """{ "$set" : { "Status" : "Active", "AssignedAgentId" : "a1", "AssignedAt" : ISODate("2026-11-26T09:00:00Z"), "ClosedAt" : null } }""",
            Render(MongoQueries.ReopenUpdate("a1", At)));
    }

    [Fact]
    public void CloseUpdate_SetsClosedStatusAndClosedAt() =>
        Assert.Equal(
            """{ "$set" : { "Status" : "Resolved", "ClosedAt" : ISODate("2026-11-26T09:00:00Z") } }""",
            Render(MongoQueries.CloseUpdate(ConversationStatus.Resolved, At)));

    [Fact]
    public void ListWaitingAtLevel_FiltersOnStatusAndLevel() =>
        Assert.Equal("""{ "Status" : "Waiting", "Level" : 2 }""", Render(MongoQueries.WaitingAtLevel(2)));

    [Fact]
    public void ListByStatus_FiltersOnStatusOldestFirst()
    {
        Assert.Equal("""{ "Status" : "Waiting" }""", Render(MongoQueries.ConversationsByStatus(ConversationStatus.Waiting)));
        Assert.Equal("""{ "CreatedAt" : 1 }""", Render(MongoQueries.OldestFirst));
    }

    [Fact]
    public void ListByCustomer_FiltersOnCustomerNewestFirst()
    {
        Assert.Equal("""{ "CustomerId" : "u1" }""", Render(MongoQueries.ConversationsByCustomer("u1")));
        Assert.Equal("""{ "CreatedAt" : -1 }""", Render(MongoQueries.NewestFirst));
    }

    [Fact]
    public void OpenByAgentFilter_MatchesOnlyActiveConversationsOfThatAgent() =>
        Assert.Equal("""{ "AssignedAgentId" : "a1", "Status" : "Active" }""", Render(MongoQueries.OpenConversationsOfAgent("a1")));

    [Fact]
    public void ClientIdLookup_MatchesConversationAndClientId_AndRepeatsThePartialFilterOfItsIndex() =>
        Assert.Equal(
            """{ "$and" : [{ "ConversationId" : "c1" }, { "ClientMessageId" : "m-1" }, { "ClientMessageId" : { "$exists" : true, "$type" : "string" } }] }""",
            Render(MongoQueries.MessageByClientId("c1", "m-1")));

    [Fact]
    public void ResumeQuery_WithoutPrivateNotes_TakesSeqsAfterAndSkipsNotes() =>
        Assert.Equal(
            """{ "ConversationId" : "c1", "Seq" : { "$gt" : NumberLong(5) }, "Kind" : { "$ne" : "PrivateNote" } }""",
            Render(MongoQueries.MessagesAfter("c1", 5, includePrivateNotes: false)));

    [Fact]
    public void ResumeQuery_WithPrivateNotes_HasOnlyTheSeqRange() =>
        Assert.Equal(
            """{ "ConversationId" : "c1", "Seq" : { "$gt" : NumberLong(0) } }""",
            Render(MongoQueries.MessagesAfter("c1", 0, includePrivateNotes: true)));

    [Fact]
    public void ResumeQuery_SortsBySeqAscending() =>
        Assert.Equal("""{ "Seq" : 1 }""", Render(MongoQueries.BySeq));

    [Fact]
    public void HighestSeqLookup_IsCoveredBySeqIndex()
    {
        Assert.Equal("""{ "ConversationId" : "c1" }""", Render(MongoQueries.MessagesOf("c1")));
        Assert.Equal("""{ "Seq" : -1 }""", Render(MongoQueries.BySeqDescending));
        Assert.Equal("""{ "Seq" : 1, "_id" : 0 }""", MongoQueries.SeqOnly.Render(Args<ChatMessage>()).ToJson(Shell));
    }

    [Fact]
    public void LastSeqRead_ProjectsOnlyLastSeq()
    {
        Assert.Equal("""{ "_id" : "c1" }""", Render(MongoQueries.ConversationById("c1")));
        Assert.Equal("""{ "LastSeq" : 1, "_id" : 0 }""", MongoQueries.LastSeqOnly.Render(Args<Conversation>()).ToJson(Shell));
    }

    [Fact]
    public void RaiseLastSeq_UsesMaxSoASlowerAppenderNeverLowersIt() =>
        Assert.Equal("""{ "$max" : { "LastSeq" : NumberLong(7) } }""", Render(MongoQueries.RaiseLastSeq(7)));

    [Fact]
    public void MarkRead_ByCustomer_IsCappedAtLastSeqAndNeverLowered() =>
        Assert.Equal(
            """[{ "$set" : { "CustomerReadSeq" : { "$max" : ["$CustomerReadSeq", { "$min" : [NumberLong(9), "$LastSeq"] }] } } }]""",
            Render(MongoQueries.MarkReadUpdate(SenderRole.Customer, 9)));

    [Fact]
    public void MarkRead_ByAgent_TouchesOnlyTheAgentMarker() =>
        Assert.Equal(
            """[{ "$set" : { "AgentReadSeq" : { "$max" : ["$AgentReadSeq", { "$min" : [NumberLong(3), "$LastSeq"] }] } } }]""",
            Render(MongoQueries.MarkReadUpdate(SenderRole.Agent, 3)));

    [Fact]
    public void MarkRead_BySystem_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MongoQueries.MarkReadUpdate(SenderRole.System, 3));

    [Fact]
    public void TicketCounter_IncrementsOneDocumentAtomicallyWithUpsert()
    {
        Assert.Equal("""{ "_id" : "ticket-number" }""", Render(MongoQueries.TicketCounter));
        Assert.Equal("""{ "$inc" : { "Value" : NumberLong(1) } }""", Render(MongoQueries.NextTicketCounter));
        Assert.True(MongoQueries.NextTicketCounterOptions.IsUpsert);
        Assert.Equal(ReturnDocument.After, MongoQueries.NextTicketCounterOptions.ReturnDocument);
        Assert.Equal("counters", MongoCollections.Counters);
    }

    [Fact]
    public void TicketNumber_FromFirstCounterValue_Is1001()
    {
        Assert.Equal(1001, MongoQueries.TicketNumberFrom(new BsonDocument { ["_id"] = "ticket-number", ["Value"] = 1L }));
        Assert.Equal(1002, MongoQueries.TicketNumberFrom(new BsonDocument { ["_id"] = "ticket-number", ["Value"] = 2L }));
    }

    [Fact]
    public void TicketQueries_ByNumberAndByCustomerNewestFirst()
    {
        Assert.Equal("""{ "Number" : NumberLong(1001) }""", Render(MongoQueries.TicketByNumber(1001)));
        Assert.Equal("""{ "CustomerId" : "u1" }""", Render(MongoQueries.TicketsByCustomer("u1")));
        Assert.Equal("""{ "Number" : -1 }""", Render(MongoQueries.TicketsNewestFirst));
    }

    [Fact]
    public void AgentByEmail_LooksUpTheLowerCasedAddress()
    {
        Assert.Equal("""{ "Email" : "ann@example.org" }""", Render(MongoQueries.AgentByEmail("Ann@Example.ORG")));
        Assert.Equal("""{ "Email" : 1 }""", Render(MongoQueries.AgentsByEmail));
    }

    [Fact]
    public void MessageSeqIndex_IsUniqueOnConversationAndSeq()
    {
        var index = MongoIndexes.MessagesBySeq;

        Assert.Equal("""{ "ConversationId" : 1, "Seq" : 1 }""", Render(index.Keys));
        Assert.True(index.Options.Unique);
        Assert.Equal("conversation_seq", index.Options.Name);
    }

    [Fact]
    public void CustomerExternalIdIndex_IsUniqueOnlyWhereAnExternalIdIsAString()
    {
        var index = MongoIndexes.CustomersByExternalId;
        var options = Assert.IsType<CreateIndexOptions<SupportHub.Server.Features.Customers.Customer>>(index.Options);

        Assert.Equal("""{ "ExternalId" : 1 }""", Render(index.Keys));
        Assert.True(options.Unique);
        Assert.Equal("""{ "ExternalId" : { "$type" : 2 } }""", Render(options.PartialFilterExpression));
        Assert.Equal("""{ "$and" : [{ "ExternalId" : "u1" }, { "ExternalId" : { "$type" : 2 } }] }""", Render(MongoQueries.CustomerByExternalId("u1")));
    }

    [Fact]
    public void MessageClientIdIndex_IsUniqueOnlyWhereAClientIdIsAString()
    {
        var index = MongoIndexes.MessagesByClientId;
        var options = Assert.IsType<CreateIndexOptions<ChatMessage>>(index.Options);

        Assert.Equal("""{ "ConversationId" : 1, "ClientMessageId" : 1 }""", Render(index.Keys));
        Assert.True(options.Unique);
        Assert.Equal("conversation_clientMessageId", options.Name);
        Assert.Equal("""{ "ClientMessageId" : { "$exists" : true, "$type" : "string" } }""", Render(options.PartialFilterExpression));
    }

    [Fact]
    public void ConversationIndexes_ServeQueueCustomerAndAgentQueries()
    {
        Assert.Equal("""{ "Status" : 1, "CreatedAt" : 1 }""", Render(MongoIndexes.ConversationsByStatus.Keys));
        Assert.Equal("""{ "CustomerId" : 1, "CreatedAt" : 1 }""", Render(MongoIndexes.ConversationsByCustomer.Keys));
        Assert.Equal("""{ "AssignedAgentId" : 1, "Status" : 1 }""", Render(MongoIndexes.ConversationsByAgent.Keys));
        Assert.All(
            [MongoIndexes.ConversationsByStatus, MongoIndexes.ConversationsByCustomer, MongoIndexes.ConversationsByAgent],
            index => Assert.NotEqual(true, index.Options.Unique));
    }

    [Fact]
    public void TicketIndexes_NumberIsUnique()
    {
        Assert.Equal("""{ "Number" : 1 }""", Render(MongoIndexes.TicketsByNumber.Keys));
        Assert.True(MongoIndexes.TicketsByNumber.Options.Unique);
        Assert.Equal("""{ "CustomerId" : 1, "Number" : -1 }""", Render(MongoIndexes.TicketsByCustomer.Keys));
        Assert.NotEqual(true, MongoIndexes.TicketsByCustomer.Options.Unique);
    }

    [Fact]
    public void AgentEmailIndex_IsUnique()
    {
        Assert.Equal("""{ "Email" : 1 }""", Render(MongoIndexes.AgentsByEmail.Keys));
        Assert.True(MongoIndexes.AgentsByEmail.Options.Unique);
    }

    private static RenderArgs<T> Args<T>() =>
        new(BsonSerializer.SerializerRegistry.GetSerializer<T>(), BsonSerializer.SerializerRegistry);

    private static string Render<T>(FilterDefinition<T> filter) => filter.Render(Args<T>()).ToJson(Shell);

    private static string Render<T>(UpdateDefinition<T> update) => update.Render(Args<T>()).ToJson(Shell);

    private static string Render<T>(SortDefinition<T> sort) => sort.Render(Args<T>()).ToJson(Shell);

    private static string Render<T>(IndexKeysDefinition<T> keys) => keys.Render(Args<T>()).ToJson(Shell);
}

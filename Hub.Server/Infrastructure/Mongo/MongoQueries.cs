using MongoDB.Bson;
using MongoDB.Driver;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Infrastructure.Mongo;

/// <summary>
/// Every filter, update and sort the Mongo stores send, built in one place so that
/// MongoQueryRenderingTests can render them to BSON and pin their meaning.
/// </summary>
internal static partial class MongoQueries
{
    public const string TicketCounterId = "ticket-number";
    public const string CounterValueField = "Value";

    /// <summary>The counter counts tickets issued; numbers start above this.</summary>
    public const long TicketNumberOffset = 1000;

    private static FilterDefinitionBuilder<Conversation> ConversationFilter => Builders<Conversation>.Filter;

    private static FilterDefinitionBuilder<ChatMessage> MessageFilter => Builders<ChatMessage>.Filter;

    private static UpdateDefinitionBuilder<Ticket> TicketUpdate => Builders<Ticket>.Update;

    // Conversations

    public static FilterDefinition<Conversation> ConversationById(string id) =>
        ConversationFilter.Eq(c => c.Id, id);

    /// <summary>Only a waiting conversation can be claimed; a second claimer matches nothing.</summary>
    public static FilterDefinition<Conversation> ClaimFilter(string id) =>
        ConversationFilter.Eq(c => c.Id, id) & ConversationFilter.Eq(c => c.Status, ConversationStatus.Waiting);

    public static UpdateDefinition<Conversation> ClaimUpdate(string agentId, DateTimeOffset at) =>
        Builders<Conversation>.Update
            .Set(c => c.Status, ConversationStatus.Active)
            .Set(c => c.AssignedAgentId, agentId)
            .Set(c => c.AssignedAt, at);

    /// <summary>Open, and still held by the expected agent (null: by nobody).</summary>
    public static FilterDefinition<Conversation> RequeueFilter(string id, string? expectedAgentId) =>
        OpenConversationFilter(id) & ConversationFilter.Eq(c => c.AssignedAgentId, expectedAgentId);

    public static UpdateDefinition<Conversation> RequeueUpdate(int level) =>
        Builders<Conversation>.Update
            .Set(c => c.Status, ConversationStatus.Waiting)
            .Set(c => c.AssignedAgentId, null)
            .Set(c => c.AssignedAt, null)
            .Set(c => c.Level, level);

    public static FilterDefinition<Conversation> ReassignFilter(string id) => OpenConversationFilter(id);

    /// <summary>Closed and not rated yet, so a rating is given once.</summary>
    public static FilterDefinition<Conversation> RateFilter(string id) =>
        ConversationFilter.Eq(c => c.Id, id)
        & ConversationFilter.In(c => c.Status, [ConversationStatus.Ended, ConversationStatus.Resolved])
        & ConversationFilter.Eq(c => c.Rating, null)
        & NotErased;

    public static UpdateDefinition<Conversation> RateUpdate(int score, string? comment, DateTimeOffset at) =>
        Builders<Conversation>.Update
            .Set(c => c.Rating, score)
            .Set(c => c.RatingComment, comment)
            .Set(c => c.RatedAt, at);

    /// <summary>Closed and not erased: an erased conversation never opens again.</summary>
    public static FilterDefinition<Conversation> ReopenFilter(string id) =>
        ConversationFilter.Eq(c => c.Id, id)
        & ConversationFilter.In(c => c.Status, [ConversationStatus.Ended, ConversationStatus.Resolved])
        & NotErased;

    public static UpdateDefinition<Conversation> ReopenUpdate(string agentId, DateTimeOffset at) =>
        ClaimUpdate(agentId, at).Set(c => c.ClosedAt, null);

    /// <summary>The conversation while it is open (waiting or active): what closing, requeueing and reassigning require.</summary>
    public static FilterDefinition<Conversation> OpenConversationFilter(string id) =>
        ConversationFilter.Eq(c => c.Id, id)
        & ConversationFilter.In(c => c.Status, [ConversationStatus.Waiting, ConversationStatus.Active]);

    /// <summary>A message left instead of a chat ends the conversation only while nobody has taken it.</summary>
    public static FilterDefinition<Conversation> EndWaitingFilter(string id) => ClaimFilter(id);

    public static UpdateDefinition<Conversation> CloseUpdate(ConversationStatus closedStatus, DateTimeOffset at) =>
        Builders<Conversation>.Update
            .Set(c => c.Status, closedStatus)
            .Set(c => c.ClosedAt, at);

    public static FilterDefinition<Conversation> ConversationsByStatus(ConversationStatus status) =>
        ConversationFilter.Eq(c => c.Status, status);

    /// <summary>A page of one level's queue; served by the status_createdAt index's Status prefix.</summary>
    public static FilterDefinition<Conversation> WaitingAtLevel(int level) =>
        ConversationFilter.Eq(c => c.Status, ConversationStatus.Waiting) & ConversationFilter.Eq(c => c.Level, level);

    /// <summary>
    /// A customer's conversation by its start key. The $type condition repeats the partial filter of
    /// MongoIndexes.ConversationsByStart, so the planner may use that index.
    /// </summary>
    public static FilterDefinition<Conversation> ConversationByStart(string customerId, string startClientMessageId) =>
        ConversationFilter.Eq(c => c.CustomerId, customerId)
        & ConversationFilter.Eq(c => c.StartClientMessageId, startClientMessageId)
        & ConversationFilter.Type(c => c.StartClientMessageId, BsonType.String);

    public static FilterDefinition<Conversation> ConversationsByCustomer(string customerId) =>
        ConversationFilter.Eq(c => c.CustomerId, customerId);

    public static FilterDefinition<Conversation> OpenConversationsOfAgent(string agentId) =>
        ConversationFilter.Eq(c => c.AssignedAgentId, agentId) & ConversationFilter.Eq(c => c.Status, ConversationStatus.Active);

    public static SortDefinition<Conversation> OldestFirst => Builders<Conversation>.Sort.Ascending(c => c.CreatedAt);

    public static SortDefinition<Conversation> NewestFirst => Builders<Conversation>.Sort.Descending(c => c.CreatedAt);

    public static ProjectionDefinition<Conversation> LastSeqOnly =>
        Builders<Conversation>.Projection.Include(c => c.LastSeq).Exclude(c => c.Id);

    /// <summary>The state an appender reads first: the seq to try and whether text is still accepted.</summary>
    public static ProjectionDefinition<Conversation> AppendStateOnly =>
        Builders<Conversation>.Projection.Include(c => c.LastSeq).Include(c => c.Status).Include(c => c.ErasedAt).Exclude(c => c.Id);

    /// <summary>
    /// Where an appender raises LastSeq after its insert: never on an erased conversation (an erasure
    /// marks first, then clears the messages, so an append it did not catch learns of it here), and
    /// for a message that needs an open conversation only while it is open, so an append racing the
    /// close learns of it in the same conditional update that the close (OpenConversationFilter) is
    /// ordered against.
    /// </summary>
    public static FilterDefinition<Conversation> AppendRaiseFilter(string conversationId, MessageKind kind) =>
        (Conversation.NeedsOpen(kind) ? OpenConversationFilter(conversationId) : ConversationById(conversationId)) & NotErased;

    /// <summary>$max, so a slower appender that stored a lower seq never moves the marker back.</summary>
    public static UpdateDefinition<Conversation> RaiseLastSeq(long seq) =>
        Builders<Conversation>.Update.Max(c => c.LastSeq, seq);

    /// <summary>
    /// One atomic pipeline update: marker = max(marker, min(seq, LastSeq)). It never lowers the
    /// marker and never passes the last stored message, with no read-then-write race.
    /// </summary>
    public static UpdateDefinition<Conversation> MarkReadUpdate(SenderRole reader, long seq)
    {
        var field = reader switch
        {
            SenderRole.Customer => nameof(Conversation.CustomerReadSeq),
            SenderRole.Agent => nameof(Conversation.AgentReadSeq),
            _ => throw new ArgumentOutOfRangeException(nameof(reader), reader, "Only customers and agents have read markers."),
        };
        var capped = new BsonDocument("$min", new BsonArray { new BsonInt64(seq), "$" + nameof(Conversation.LastSeq) });
        var stage = new BsonDocument("$set", new BsonDocument(field, new BsonDocument("$max", new BsonArray { "$" + field, capped })));
        return Builders<Conversation>.Update.Pipeline(PipelineDefinition<Conversation, Conversation>.Create(stage));
    }

    // Messages

    /// <summary>
    /// A message by its client id. The last condition repeats the partial filter of
    /// MongoIndexes.MessagesByClientId, so the planner may use that index (it does not infer $type from
    /// an equality).
    /// </summary>
    public static FilterDefinition<ChatMessage> MessageByClientId(string conversationId, string clientMessageId) =>
        MessageFilter.Eq(m => m.ConversationId, conversationId)
        & MessageFilter.Eq(m => m.ClientMessageId, clientMessageId)
        & MongoIndexes.HasClientMessageId;

    /// <summary>The resume query: everything after the last seq a client has.</summary>
    public static FilterDefinition<ChatMessage> MessagesAfter(string conversationId, long afterSeq, bool includePrivateNotes)
    {
        var filter = MessageFilter.Eq(m => m.ConversationId, conversationId) & MessageFilter.Gt(m => m.Seq, afterSeq);
        return includePrivateNotes ? filter : filter & MessageFilter.Ne(m => m.Kind, MessageKind.PrivateNote);
    }

    public static FilterDefinition<ChatMessage> MessageById(string id) => MessageFilter.Eq(m => m.Id, id);

    /// <summary>A line of the hub below <paramref name="seq"/> written at or after the close: the closing line.</summary>
    public static FilterDefinition<ChatMessage> ClosingLineBelow(string conversationId, long seq, DateTimeOffset closedAt) =>
        MessageFilter.Eq(m => m.ConversationId, conversationId)
        & MessageFilter.Lt(m => m.Seq, seq)
        & MessageFilter.Eq(m => m.Kind, MessageKind.System)
        & MessageFilter.Gte(m => m.SentAt, closedAt);

    public static FilterDefinition<ChatMessage> MessagesOf(string conversationId) =>
        MessageFilter.Eq(m => m.ConversationId, conversationId);

    public static SortDefinition<ChatMessage> BySeq => Builders<ChatMessage>.Sort.Ascending(m => m.Seq);

    public static SortDefinition<ChatMessage> BySeqDescending => Builders<ChatMessage>.Sort.Descending(m => m.Seq);

    /// <summary>Seq only and no _id, so the latest-seq lookup is covered by the {ConversationId, Seq} index.</summary>
    public static ProjectionDefinition<ChatMessage> SeqOnly =>
        Builders<ChatMessage>.Projection.Include(m => m.Seq).Exclude(m => m.Id);

    // Tickets

    public static FilterDefinition<BsonDocument> TicketCounter => Builders<BsonDocument>.Filter.Eq("_id", TicketCounterId);

    public static UpdateDefinition<BsonDocument> NextTicketCounter => Builders<BsonDocument>.Update.Inc(CounterValueField, 1L);

    /// <summary>Upsert, so the first ticket creates the counter; After, so the caller gets its own value.</summary>
    public static FindOneAndUpdateOptions<BsonDocument> NextTicketCounterOptions => new()
    {
        IsUpsert = true,
        ReturnDocument = ReturnDocument.After,
    };

    public static long TicketNumberFrom(BsonDocument counter) =>
        TicketNumberOffset + counter[CounterValueField].ToInt64();

    public static FilterDefinition<Ticket> TicketById(string id) => Builders<Ticket>.Filter.Eq(t => t.Id, id);

    public static FilterDefinition<Ticket> TicketByNumber(long number) => Builders<Ticket>.Filter.Eq(t => t.Number, number);

    public static FilterDefinition<Ticket> TicketsByCustomer(string customerId) => Builders<Ticket>.Filter.Eq(t => t.CustomerId, customerId);

    /// <summary>Numbers are handed out in creation order, so the highest number is the newest.</summary>
    public static SortDefinition<Ticket> TicketsNewestFirst => Builders<Ticket>.Sort.Descending(t => t.Number);

    // Ticket changes: each a targeted update of the fields it changes, so concurrent changes of
    // other fields survive ($push and $addToSet add to the arrays without rewriting them).

    public static UpdateDefinition<Ticket> SetLastAgentUpdate(string agentId, DateTimeOffset at) =>
        TicketUpdate.Set(t => t.LastAgentId, agentId).Set(t => t.UpdatedAt, at);

    /// <summary>A null <paramref name="status"/> leaves the status as it is.</summary>
    public static UpdateDefinition<Ticket> ChangeLevelUpdate(LevelChange change, TicketStatus? status, DateTimeOffset at)
    {
        var update = TicketUpdate.Set(t => t.Level, change.Level);
        if (status is { } newStatus)
        {
            update = update.Set(t => t.Status, newStatus);
        }

        return update.Push(t => t.LevelHistory, change).Set(t => t.UpdatedAt, at);
    }

    public static UpdateDefinition<Ticket> ResolveTicketUpdate(string agentId, string resolution, DateTimeOffset at) =>
        TicketUpdate
            .Set(t => t.Status, TicketStatus.Resolved)
            .Set(t => t.Resolution, resolution)
            .Set(t => t.ResolvedAt, at)
            .Set(t => t.LastAgentId, agentId)
            .Set(t => t.UpdatedAt, at);

    public static UpdateDefinition<Ticket> ReopenTicketUpdate(string agentId, DateTimeOffset at) =>
        TicketUpdate
            .Set(t => t.Status, TicketStatus.Reopened)
            .Set(t => t.ResolvedAt, null)
            .Set(t => t.LastAgentId, agentId)
            .Set(t => t.UpdatedAt, at);

    /// <summary>$addToSet, so a repeated webhook adds its conversation once.</summary>
    public static UpdateDefinition<Ticket> AddConversationUpdate(string conversationId, DateTimeOffset at) =>
        TicketUpdate.AddToSet(t => t.ConversationIds, conversationId).Set(t => t.UpdatedAt, at);

    /// <summary>After, so the caller gets the ticket with its conversation in it.</summary>
    public static FindOneAndUpdateOptions<Ticket> TicketAfterUpdate => new() { ReturnDocument = ReturnDocument.After };

    // Customers

    public static FilterDefinition<Customer> CustomerById(string id) => Builders<Customer>.Filter.Eq(c => c.Id, id);

    /// <summary>A customer by external id, with the partial filter of MongoIndexes.CustomersByExternalId so that index is used.</summary>
    public static FilterDefinition<Customer> CustomerByExternalId(string externalId) =>
        Builders<Customer>.Filter.Eq(c => c.ExternalId, externalId) & MongoIndexes.HasExternalId;

    // Agents

    public static string NormalizeEmail(string email) => email.ToLowerInvariant();

    public static FilterDefinition<Agent> AgentById(string id) => Builders<Agent>.Filter.Eq(a => a.Id, id);

    public static FilterDefinition<Agent> AgentByEmail(string email) => Builders<Agent>.Filter.Eq(a => a.Email, NormalizeEmail(email));

    public static SortDefinition<Agent> AgentsByEmail => Builders<Agent>.Sort.Ascending(a => a.Email);

    /// <summary>
    /// Every account field but those with their own atomic step (<see cref="AtomicAgentFields"/>): the
    /// presence, the password hash, the disabled flag, the session version and the invitation.
    /// </summary>
    public static UpdateDefinition<Agent> AgentAccountUpdate(Agent agent) =>
        Builders<Agent>.Update
            .Set(a => a.Email, NormalizeEmail(agent.Email))
            .Set(a => a.DisplayName, agent.DisplayName)
            .Set(a => a.Roles, agent.Roles)
            .Set(a => a.Levels, agent.Levels)
            .Set(a => a.Skills, agent.Skills)
            .Set(a => a.ChatCapacity, agent.ChatCapacity)
            .Set(a => a.VoiceCapacity, agent.VoiceCapacity)
            .Set(a => a.PhoneNumber, agent.PhoneNumber)
            .Set(a => a.CreatedAt, agent.CreatedAt);

    /// <summary>The agent, unless it holds a presence change newer than <paramref name="at"/>.</summary>
    public static FilterDefinition<Agent> PresenceFilter(string id, DateTimeOffset at) =>
        AgentById(id) & (Builders<Agent>.Filter.Eq(a => a.PresenceChangedAt, null) | Builders<Agent>.Filter.Lte(a => a.PresenceChangedAt, at));

    public static UpdateDefinition<Agent> PresenceUpdate(string status, DateTimeOffset at) =>
        Builders<Agent>.Update.Set(a => a.Presence, status).Set(a => a.PresenceChangedAt, at);
}

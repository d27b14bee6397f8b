using MongoDB.Driver;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Audit;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Infrastructure.Mongo;

/// <summary>
/// The indexes the Mongo stores rely on. Creating an index that exists with the same keys and
/// options is a no-op, so every node runs <see cref="EnsureAsync"/> at start-up.
/// </summary>
internal static class MongoIndexes
{
    public const string ConversationSeq = "conversation_seq";
    public const string ConversationClientMessageId = "conversation_clientMessageId";

    /// <summary>
    /// The partial filter of <see cref="MessagesByClientId"/>. A lookup must repeat it (MongoQueries
    /// does) for the planner to use that index: it does not infer $type from an equality.
    /// </summary>
    public static FilterDefinition<ChatMessage> HasClientMessageId { get; } =
        Builders<ChatMessage>.Filter.Exists(m => m.ClientMessageId) & Builders<ChatMessage>.Filter.Type(m => m.ClientMessageId, "string");

    /// <summary>The partial filter of <see cref="CustomersByExternalId"/>, repeated by its lookup.</summary>
    public static FilterDefinition<Customer> HasExternalId { get; } = Builders<Customer>.Filter.Type(c => c.ExternalId, MongoDB.Bson.BsonType.String);

    /// <summary>ListByStatus (the queue rebuild): equality on Status, then oldest first.</summary>
    public static CreateIndexModel<Conversation> ConversationsByStatus { get; } = new(
        Builders<Conversation>.IndexKeys.Ascending(c => c.Status).Ascending(c => c.CreatedAt),
        new CreateIndexOptions { Name = "status_createdAt" });

    /// <summary>ListByCustomer: a customer's history, read backwards for newest first.</summary>
    public static CreateIndexModel<Conversation> ConversationsByCustomer { get; } = new(
        Builders<Conversation>.IndexKeys.Ascending(c => c.CustomerId).Ascending(c => c.CreatedAt),
        new CreateIndexOptions { Name = "customer_createdAt" });

    /// <summary>
    /// One start, one conversation: the arbiter of CreateOrGetStart when two connections (or nodes)
    /// send the same start at once. Partial: follow-up tasks have no start key.
    /// </summary>
    public static CreateIndexModel<Conversation> ConversationsByStart { get; } = new(
        Builders<Conversation>.IndexKeys.Ascending(c => c.CustomerId).Ascending(c => c.StartClientMessageId),
        new CreateIndexOptions<Conversation>
        {
            Name = "customer_startClientMessageId",
            Unique = true,
            PartialFilterExpression = Builders<Conversation>.Filter.Type(c => c.StartClientMessageId, MongoDB.Bson.BsonType.String),
        });

    /// <summary>ListOpenByAgent: what an agent holds, when they reconnect or go offline.</summary>
    public static CreateIndexModel<Conversation> ConversationsByAgent { get; } = new(
        Builders<Conversation>.IndexKeys.Ascending(c => c.AssignedAgentId).Ascending(c => c.Status),
        new CreateIndexOptions { Name = "agent_status" });

    /// <summary>
    /// The arbiter of seq allocation: of two nodes inserting the same seq, one gets a duplicate-key
    /// error and retries. It also serves the resume query and the latest-seq lookup.
    /// </summary>
    public static CreateIndexModel<ChatMessage> MessagesBySeq { get; } = new(
        Builders<ChatMessage>.IndexKeys.Ascending(m => m.ConversationId).Ascending(m => m.Seq),
        new CreateIndexOptions { Name = ConversationSeq, Unique = true });

    /// <summary>
    /// Dedupes client retries even when they race on two nodes. Partial, because messages without a
    /// client id (system messages) store null and must not collide with each other.
    /// </summary>
    public static CreateIndexModel<ChatMessage> MessagesByClientId { get; } = new(
        Builders<ChatMessage>.IndexKeys.Ascending(m => m.ConversationId).Ascending(m => m.ClientMessageId),
        new CreateIndexOptions<ChatMessage>
        {
            Name = ConversationClientMessageId,
            Unique = true,
            PartialFilterExpression = HasClientMessageId,
        });

    /// <summary>GetByNumber (a caller types it on the keypad); unique as a guard on the counter.</summary>
    public static CreateIndexModel<Ticket> TicketsByNumber { get; } = new(
        Builders<Ticket>.IndexKeys.Ascending(t => t.Number),
        new CreateIndexOptions { Name = "number", Unique = true });

    /// <summary>ListByCustomer, already in newest-first order.</summary>
    public static CreateIndexModel<Ticket> TicketsByCustomer { get; } = new(
        Builders<Ticket>.IndexKeys.Ascending(t => t.CustomerId).Descending(t => t.Number),
        new CreateIndexOptions { Name = "customer_number" });

    /// <summary>Login lookup, and the arbiter of TryCreate: two agents never share an e-mail.</summary>
    public static CreateIndexModel<Agent> AgentsByEmail { get; } = new(
        Builders<Agent>.IndexKeys.Ascending(a => a.Email),
        new CreateIndexOptions { Name = "email", Unique = true });

    /// <summary>A verified site user finds their customer record (and history) again. Partial: most customers have none.</summary>
    public static CreateIndexModel<Customer> CustomersByExternalId { get; } = new(
        Builders<Customer>.IndexKeys.Ascending(c => c.ExternalId),
        new CreateIndexOptions<Customer>
        {
            Name = "externalId",
            Unique = true,
            PartialFilterExpression = HasExternalId,
        });

    /// <summary>The audit log's filters: by time range, by actor and by target, each newest first.</summary>
    public static IReadOnlyList<CreateIndexModel<AuditEntry>> AuditIndexes { get; } =
    [
        new(Builders<AuditEntry>.IndexKeys.Descending(e => e.At), new CreateIndexOptions { Name = "at" }),
        new(Builders<AuditEntry>.IndexKeys.Ascending(e => e.ActorId).Descending(e => e.Id), new CreateIndexOptions { Name = "actor" }),
        new(Builders<AuditEntry>.IndexKeys.Ascending(e => e.TargetType).Ascending(e => e.TargetId).Descending(e => e.Id), new CreateIndexOptions { Name = "target" }),
    ];

    public static async Task EnsureAsync(IMongoDatabase database, CancellationToken ct = default)
    {
        MongoMappings.EnsureRegistered();

        await database.GetCollection<Conversation>(MongoCollections.Conversations).Indexes
            .CreateManyAsync([ConversationsByStatus, ConversationsByCustomer, ConversationsByStart, ConversationsByAgent], ct);
        await database.GetCollection<ChatMessage>(MongoCollections.Messages).Indexes
            .CreateManyAsync([MessagesBySeq, MessagesByClientId], ct);
        await database.GetCollection<Ticket>(MongoCollections.Tickets).Indexes
            .CreateManyAsync([TicketsByNumber, TicketsByCustomer], ct);
        await database.GetCollection<Agent>(MongoCollections.Agents).Indexes
            .CreateManyAsync([AgentsByEmail], ct);
        await database.GetCollection<Customer>(MongoCollections.Customers).Indexes
            .CreateManyAsync([CustomersByExternalId], ct);
        await database.GetCollection<AuditEntry>(MongoCollections.Audit).Indexes.CreateManyAsync(AuditIndexes, ct);
    }
}

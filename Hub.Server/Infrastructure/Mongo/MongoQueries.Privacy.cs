using MongoDB.Bson;
using MongoDB.Driver;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Infrastructure.Mongo;

/// <summary>The filters and updates of export, erasure and retention (docs/security.md, privacy).</summary>
internal static partial class MongoQueries
{
    /// <summary>Not erased; a missing field counts as null, so documents stored before erasure existed match.</summary>
    public static FilterDefinition<Conversation> NotErased => Builders<Conversation>.Filter.Eq(c => c.ErasedAt, null);

    public static FilterDefinition<Conversation> ClosedConversationFilter(string id) =>
        Builders<Conversation>.Filter.Eq(c => c.Id, id)
        & Builders<Conversation>.Filter.In(c => c.Status, [ConversationStatus.Ended, ConversationStatus.Resolved]);

    /// <summary>The first step of an erasure, and only the first time: the mark that every later append is refused by.</summary>
    public static FilterDefinition<Conversation> EraseMarkFilter(string id) => ClosedConversationFilter(id) & NotErased;

    public static UpdateDefinition<Conversation> EraseMarkUpdate(DateTimeOffset at) =>
        Builders<Conversation>.Update.Set(c => c.ErasedAt, at);

    /// <summary>Closed and marked: the later steps of an erasure, repeated safely.</summary>
    public static FilterDefinition<Conversation> MarkedErasedFilter(string id) =>
        ClosedConversationFilter(id) & Builders<Conversation>.Filter.Ne(c => c.ErasedAt, null);

    /// <summary>The personal fields of a closed conversation (Conversation.TryErase).</summary>
    public static UpdateDefinition<Conversation> EraseFieldsUpdate =>
        Builders<Conversation>.Update
            .Set(c => c.CustomerName, null)
            .Set(c => c.Topic, null)
            .Set(c => c.RatingComment, null);

    /// <summary>The caller's number, only where there is a call: $set of a field under a null Call would fail.</summary>
    public static FilterDefinition<Conversation> ClosedCallFilter(string id) =>
        ClosedConversationFilter(id) & Builders<Conversation>.Filter.Type(c => c.Call, BsonType.Document);

    public static UpdateDefinition<Conversation> EraseCallerNumberUpdate =>
        Builders<Conversation>.Update.Set(c => c.Call!.CallerNumber, null);

    public static FilterDefinition<Conversation> ClosedBefore(DateTimeOffset cutoff) =>
        Builders<Conversation>.Filter.In(c => c.Status, [ConversationStatus.Ended, ConversationStatus.Resolved])
        & NotErased
        & Builders<Conversation>.Filter.Lt(c => c.ClosedAt, cutoff);

    public static SortDefinition<Conversation> OldestCloseFirst => Builders<Conversation>.Sort.Ascending(c => c.ClosedAt);

    public static UpdateDefinition<ChatMessage> AnonymizeMessageUpdate =>
        Builders<ChatMessage>.Update.Set(m => m.Text, ChatMessage.ErasedText);

    public static FilterDefinition<ChatMessage> CustomerMessagesOf(string conversationId) =>
        MessagesOf(conversationId) & Builders<ChatMessage>.Filter.Eq(m => m.SenderRole, SenderRole.Customer);

    public static UpdateDefinition<ChatMessage> ClearSenderNameUpdate =>
        Builders<ChatMessage>.Update.Set(m => m.SenderName, null);

    // Customers

    /// <summary>Replace only what is not erased, so a replace racing an erasure never writes the personal fields back.</summary>
    public static FilterDefinition<Customer> ReplaceableCustomer(string id) =>
        CustomerById(id) & Builders<Customer>.Filter.Eq(c => c.ErasedAt, null);

    public static UpdateDefinition<Customer> EraseCustomerUpdate =>
        Builders<Customer>.Update
            .Set(c => c.Name, null)
            .Set(c => c.Email, null)
            .Set(c => c.ExternalId, null)
            .Set(c => c.PhoneNumber, null);

    public static FilterDefinition<Customer> CustomerNotMarkedErased(string id) =>
        CustomerById(id) & Builders<Customer>.Filter.Eq(c => c.ErasedAt, null);

    /// <summary>The fields cleared and the mark set in one update: the mark never exists without the clearing.</summary>
    public static UpdateDefinition<Customer> FirstEraseCustomerUpdate(DateTimeOffset at) =>
        EraseCustomerUpdate.Set(c => c.ErasedAt, at);

    /// <summary>Null for nothing given: the caller answers an empty list without asking.</summary>
    public static FilterDefinition<Customer>? CustomerSearch(string? email, string? phoneNumber, string? externalId)
    {
        var filter = Builders<Customer>.Filter;
        List<FilterDefinition<Customer>> any = [];
        if (email is not null)
        {
            any.Add(filter.Eq(c => c.Email, email));
        }

        if (phoneNumber is not null)
        {
            any.Add(filter.Eq(c => c.PhoneNumber, phoneNumber));
        }

        if (externalId is not null)
        {
            any.Add(CustomerByExternalId(externalId));
        }

        return any.Count switch { 0 => null, 1 => any[0], _ => filter.Or(any) };
    }

    public static SortDefinition<Customer> CustomersOldestFirst => Builders<Customer>.Sort.Ascending(c => c.CreatedAt);

    // Tickets

    /// <summary>The ticket while its level history still has <paramref name="historyCount"/> entries, so a concurrent escalation is not overwritten.</summary>
    public static FilterDefinition<Ticket> TicketWithHistoryCount(string id, int historyCount) =>
        TicketById(id) & Builders<Ticket>.Filter.Size(t => t.LevelHistory, historyCount);

    public static UpdateDefinition<Ticket> AnonymizeTicketUpdate(IEnumerable<LevelChange> history, DateTimeOffset at) =>
        Builders<Ticket>.Update
            .Set(t => t.Subject, null)
            .Set(t => t.Resolution, null)
            .Set(t => t.LevelHistory, [.. history.Select(c => new LevelChange { Level = c.Level, At = c.At, ByAgentId = c.ByAgentId })])
            .Set(t => t.UpdatedAt, at);
}

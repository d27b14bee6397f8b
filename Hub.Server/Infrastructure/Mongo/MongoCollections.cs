namespace SupportHub.Server.Infrastructure.Mongo;

/// <summary>Every MongoDB collection name, in one place.</summary>
internal static class MongoCollections
{
    public const string Conversations = "conversations";
    public const string Messages = "messages";
    public const string Tickets = "tickets";
    public const string Customers = "customers";
    public const string Agents = "agents";

    /// <summary>The audit log: inserts only.</summary>
    public const string Audit = "audit";

    /// <summary>One document per sequence, e.g. <c>{ _id: "ticket-number", Value: 7 }</c>.</summary>
    public const string Counters = "counters";
}

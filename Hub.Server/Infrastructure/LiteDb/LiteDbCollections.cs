namespace SupportHub.Server.Infrastructure.LiteDb;

/// <summary>Every LiteDB collection name, in one place.</summary>
internal static class LiteDbCollections
{
    public const string Conversations = "conversations";
    public const string Messages = "messages";
    public const string Tickets = "tickets";
    public const string Customers = "customers";
    public const string Agents = "agents";
    public const string Counters = "counters";
    public const string Audit = "audit";
}

using LiteDB;
using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Infrastructure.LiteDb;

/// <summary>
/// Owns the one LiteDB file of the embedded mode. LiteDB is synchronous and single-process, so
/// steps that must not interleave (next seq, next ticket number) take <see cref="WriteGate"/>.
/// </summary>
public sealed class LiteDbContext : IDisposable
{
    public LiteDbContext(IOptions<LiteDbOptions> options)
    {
        var folder = Path.GetFullPath(options.Value.DataPath);
        Directory.CreateDirectory(folder);
        FilePath = Path.Combine(folder, options.Value.FileName);
        Database = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct }, CreateMapper());

        Conversations = Database.GetCollection<Conversation>(LiteDbCollections.Conversations);
        Messages = Database.GetCollection<ChatMessage>(LiteDbCollections.Messages);
        Tickets = Database.GetCollection<Ticket>(LiteDbCollections.Tickets);
        Customers = Database.GetCollection<Customer>(LiteDbCollections.Customers);
        Agents = Database.GetCollection<Agent>(LiteDbCollections.Agents);
        Counters = Database.GetCollection<BsonDocument>(LiteDbCollections.Counters);

        Conversations.EnsureIndex(c => c.Status);
        Conversations.EnsureIndex(c => c.CustomerId);
        Conversations.EnsureIndex(c => c.AssignedAgentId);
        Messages.EnsureIndex(m => m.ConversationId);
        Messages.EnsureIndex(m => m.ClientMessageId);
        Tickets.EnsureIndex(t => t.Number, unique: true);
        Tickets.EnsureIndex(t => t.CustomerId);
        Agents.EnsureIndex(a => a.Email, unique: true);
        Customers.EnsureIndex(c => c.ExternalId);
    }

    public string FilePath { get; }

    public LiteDatabase Database { get; }

    public object WriteGate { get; } = new();

    public ILiteCollection<Conversation> Conversations { get; }

    public ILiteCollection<ChatMessage> Messages { get; }

    public ILiteCollection<Ticket> Tickets { get; }

    public ILiteCollection<Customer> Customers { get; }

    public ILiteCollection<Agent> Agents { get; }

    public ILiteCollection<BsonDocument> Counters { get; }

    public void Dispose() => Database.Dispose();

    private static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper { EnumAsInteger = false };
        // LiteDB has no DateTimeOffset type; store the UTC instant and read it back as UTC.
        mapper.RegisterType<DateTimeOffset>(
            value => new BsonValue(value.UtcDateTime),
            bson => new DateTimeOffset(DateTime.SpecifyKind(bson.AsDateTime.ToUniversalTime(), DateTimeKind.Utc)));
        mapper.Entity<Conversation>() // the state rules are computed, never stored
            .Ignore(c => c.IsOpen)
            .Ignore(c => c.IsWaiting)
            .Ignore(c => c.IsWithAgent)
            .Ignore(c => c.CanBeReopened)
            .Ignore(c => c.IsLiveCall);
        return mapper;
    }
}

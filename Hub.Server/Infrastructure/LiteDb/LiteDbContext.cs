using System.Globalization;
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
        // The collation is written into a new file's header; LiteDB refuses to open a file whose header
        // differs from the one asked for, so an older file is opened as it is and then rebuilt.
        var connection = new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct };
        if (!File.Exists(FilePath))
        {
            connection.Collation = Ordinal;
        }

        Database = new LiteDatabase(connection, CreateMapper());
        if (Database.Collation.SortOptions != Ordinal.SortOptions)
        {
            Database.Rebuild(new LiteDB.Engine.RebuildOptions { Collation = Ordinal });
        }

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
        LiteDbCustomerIndexes.Ensure(Customers);
    }

    /// <summary>
    /// Strings compare as MongoDB compares them: byte for byte. LiteDB's default collation ignores
    /// case, so client ids "X" and "x" were one id and a find by "x" returned "X".
    /// </summary>
    public static Collation Ordinal { get; } = new(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal);

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
        // LiteDB's defaults trim every string and store "" as null; Hub keeps text and ids as sent.
        var mapper = new BsonMapper { EnumAsInteger = false, TrimWhitespace = false, EmptyStringToNull = false };
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

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
    private readonly SyncedFile data;
    private readonly SyncedFile log;

    public LiteDbContext(IOptions<LiteDbOptions> options)
    {
        var folder = Path.GetFullPath(options.Value.DataPath);
        Directory.CreateDirectory(folder);
        FilePath = Path.Combine(folder, options.Value.FileName);
        Database = Open(out data, out log);
        if (Database.Collation.SortOptions != Ordinal.SortOptions)
        {
            // LiteDB's rebuild works on file names only, so the files are closed for it and opened again.
            Close();
            using (var old = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct }))
            {
                old.Rebuild(new LiteDB.Engine.RebuildOptions { Collation = Ordinal });
            }

            Database = Open(out data, out log);
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

    public LiteDatabase Database { get; private set; }

    public object WriteGate { get; } = new();

    public ILiteCollection<Conversation> Conversations { get; }

    public ILiteCollection<ChatMessage> Messages { get; }

    public ILiteCollection<Ticket> Tickets { get; }

    public ILiteCollection<Customer> Customers { get; }

    public ILiteCollection<Agent> Agents { get; }

    public ILiteCollection<BsonDocument> Counters { get; }

    /// <summary>fsync of the log file, where every commit lands (see docs/storage.md, durable acknowledgement).</summary>
    public void FlushLogToDisk() => log.FlushToDisk();

    public void Dispose() => Close();

    private void Close()
    {
        Database.Dispose(); // checkpoints the log into the data file (and fsyncs both) when it can
        log.Release(deleteIfEmpty: true);
        data.Release(deleteIfEmpty: false);
    }

    /// <summary>
    /// Hub opens the data file and LiteDB's log file (<c>hub-log.db</c>, the name LiteDB itself uses)
    /// and hands them to the engine, so that it can fsync what a commit wrote: LiteDB 5 writes each
    /// commit into the log with plain writes and never fsyncs it.
    /// </summary>
    private LiteDatabase Open(out SyncedFile dataFile, out SyncedFile logFile)
    {
        dataFile = new SyncedFile(FilePath);
        logFile = new SyncedFile(Path.Combine(
            Path.GetDirectoryName(FilePath)!, Path.GetFileNameWithoutExtension(FilePath) + "-log" + Path.GetExtension(FilePath)));
        var settings = new LiteDB.Engine.EngineSettings { DataStream = dataFile, LogStream = logFile };
        // The collation is written into a new file's header; LiteDB refuses to open a file whose header
        // differs from the one asked for, so an older file is opened as it is and then rebuilt.
        if (dataFile.Length == 0)
        {
            settings.Collation = Ordinal;
        }

        return new LiteDatabase(new LiteDB.Engine.LiteEngine(settings), CreateMapper());
    }

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

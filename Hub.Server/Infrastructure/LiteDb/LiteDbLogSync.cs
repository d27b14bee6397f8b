namespace SupportHub.Server.Infrastructure.LiteDb;

/// <summary>Syncs LiteDB's log file, which every commit writes to (checkpoints sync the data file themselves).</summary>
internal sealed class LiteDbLogSync(LiteDbContext db) : IDiskSync
{
    public void Sync() => db.FlushLogToDisk();
}

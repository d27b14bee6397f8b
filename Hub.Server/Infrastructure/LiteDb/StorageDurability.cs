namespace SupportHub.Server.Infrastructure.LiteDb;

/// <summary>When the embedded store answers a write: <c>Hub:Storage:Durability</c>.</summary>
public enum StorageDurability
{
    /// <summary>After an fsync that began after the commit; concurrent commits share one fsync (group commit).</summary>
    Fsync,

    /// <summary>After an fsync of its own, one at a time. Only there to measure what group commit buys.</summary>
    FsyncPerCommit,

    /// <summary>At once after the commit: the operating system writes the file when it likes.</summary>
    None,
}

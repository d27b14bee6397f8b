namespace SupportHub.Server.Infrastructure.LiteDb;

/// <summary>
/// The fsync behind <see cref="DurableCommit"/>: when <see cref="Sync"/> returns, every commit made
/// before it began is on disk. Tests put a hook here to hold it.
/// </summary>
public interface IDiskSync
{
    void Sync();
}

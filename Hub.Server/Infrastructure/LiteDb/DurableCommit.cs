using Microsoft.Extensions.Options;

namespace SupportHub.Server.Infrastructure.LiteDb;

/// <summary>
/// The flush barrier between a LiteDB commit and its acknowledgement. A writer commits, then awaits
/// <see cref="AfterCommitAsync"/>, which completes after an fsync that began after that call. One
/// flusher runs at a time; writers who arrive while it syncs wait together for the next sync, so N
/// concurrent commits cost about two fsyncs instead of N (group commit).
/// </summary>
public sealed class DurableCommit : IDisposable
{
    private readonly StorageDurability mode;
    private readonly IDiskSync disk;
    private readonly object gate = new();
    private TaskCompletionSource? next; // the waiters of the sync that has not begun yet
    private readonly SemaphoreSlim alone = new(1, 1);
    private bool flushing;

    public DurableCommit(IOptions<LiteDbOptions> options, IDiskSync disk)
        : this(options.Value.Durability, disk)
    {
    }

    public DurableCommit(StorageDurability mode, IDiskSync disk)
    {
        this.mode = mode;
        this.disk = disk;
    }

    /// <summary>Call after a commit: completes once that commit is on disk (at once with <see cref="StorageDurability.None"/>).</summary>
    public Task AfterCommitAsync() => mode switch
    {
        StorageDurability.None => Task.CompletedTask,
        StorageDurability.FsyncPerCommit => SyncAloneAsync(),
        _ => JoinNextSync(),
    };

    /// <summary>The same, passing on the write's result once it is on disk.</summary>
    public async Task<T> AfterCommitAsync<T>(T result)
    {
        await AfterCommitAsync();
        return result;
    }

    public void Dispose() => alone.Dispose();

    private Task JoinNextSync()
    {
        lock (gate)
        {
            next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var mine = next.Task;
            if (!flushing)
            {
                flushing = true;
                _ = Task.Run(FlushLoop);
            }

            return mine;
        }
    }

    private void FlushLoop()
    {
        while (true)
        {
            TaskCompletionSource batch;
            lock (gate)
            {
                if (next is null)
                {
                    flushing = false;
                    return;
                }

                // Everyone in this batch joined, so committed, before the sync below begins.
                batch = next;
                next = null;
            }

            try
            {
                disk.Sync();
                batch.SetResult();
            }
            catch (Exception e)
            {
                batch.SetException(e);
            }
        }
    }

    private async Task SyncAloneAsync()
    {
        await alone.WaitAsync();
        try
        {
            await Task.Run(disk.Sync);
        }
        finally
        {
            alone.Release();
        }
    }
}

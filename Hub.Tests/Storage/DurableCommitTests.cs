using SupportHub.Server.Infrastructure.LiteDb;

namespace SupportHub.Tests.Storage;

/// <summary>
/// The flush barrier behind durable acknowledgements, with a fake fsync that counts its calls and
/// stamps them on one logical clock shared with the writers, and can be held open.
/// </summary>
public sealed class DurableCommitTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task CommitsArrivingDuringAnFsync_ShareTheNextOne_AndEachIsReleasedOnlyAfterAnFsyncThatBeganAfterIt()
    {
        const int Writers = 100;
        var disk = new FakeDisk();
        using var barrier = new DurableCommit(StorageDurability.Fsync, disk);

        disk.HoldNext();
        var first = Commit(barrier, disk);
        await disk.Entered.WaitAsync(Timeout); // the first fsync has begun and is held
        var rest = Enumerable.Range(1, Writers - 1).Select(_ => Commit(barrier, disk)).ToList();
        Assert.False(first.Released.IsCompleted);
        Assert.All(rest, w => Assert.False(w.Released.IsCompleted)); // nobody is answered before an fsync

        disk.Release();
        var writers = await Task.WhenAll(rest.Prepend(first).Select(w => w.Released)).WaitAsync(Timeout);

        Assert.Equal(2, disk.Syncs.Count); // the first, then one for the 99 who came while it ran
        Assert.All(writers, w => Assert.Contains(disk.Syncs, s => s.Began > w.Committed && s.Ended < w.AnsweredAt));
    }

    [Fact]
    public async Task ManyConcurrentCommits_AreAllAnsweredAfterAnFsyncThatBeganAfterThem()
    {
        const int Writers = 200;
        var disk = new FakeDisk();
        using var barrier = new DurableCommit(StorageDurability.Fsync, disk);

        var answered = await Task.WhenAll(Enumerable.Range(0, Writers)
            .Select(_ => Task.Run(() => Commit(barrier, disk).Released))).WaitAsync(Timeout);

        Assert.InRange(disk.Syncs.Count, 1, Writers);
        Assert.All(answered, w => Assert.Contains(disk.Syncs, s => s.Began > w.Committed && s.Ended < w.AnsweredAt));
    }

    [Fact]
    public async Task WithoutGroupCommit_EveryCommitHasAnFsyncOfItsOwn()
    {
        var disk = new FakeDisk();
        using var barrier = new DurableCommit(StorageDurability.FsyncPerCommit, disk);

        var answered = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Commit(barrier, disk).Released)).WaitAsync(Timeout);

        Assert.Equal(20, disk.Syncs.Count);
        Assert.All(answered, w => Assert.Contains(disk.Syncs, s => s.Began > w.Committed && s.Ended < w.AnsweredAt));
    }

    [Fact]
    public async Task WithDurabilityNone_CommitsAreAnsweredWithoutAnFsync()
    {
        var disk = new FakeDisk();
        using var barrier = new DurableCommit(StorageDurability.None, disk);
        disk.HoldNext();

        await barrier.AfterCommitAsync().WaitAsync(Timeout);

        Assert.Empty(disk.Syncs);
    }

    [Fact]
    public async Task AFailedFsync_FailsTheCommitsWaitingForIt_AndTheNextCommitGetsAFreshOne()
    {
        var disk = new FakeDisk { FailNext = true };
        using var barrier = new DurableCommit(StorageDurability.Fsync, disk);

        await Assert.ThrowsAsync<IOException>(() => barrier.AfterCommitAsync().WaitAsync(Timeout));
        await barrier.AfterCommitAsync().WaitAsync(Timeout);

        Assert.Equal(2, disk.Syncs.Count);
    }

    private static Writer Commit(DurableCommit barrier, FakeDisk disk)
    {
        var committed = disk.Tick();
        var wait = barrier.AfterCommitAsync();
        return new Writer(committed, wait.ContinueWith(t =>
        {
            t.GetAwaiter().GetResult();
            return new Answer(committed, disk.Tick());
        }, TaskScheduler.Default));
    }

    private sealed record Writer(long Committed, Task<Answer> Released);

    private sealed record Answer(long Committed, long AnsweredAt);

    private sealed record Sync(long Began, long Ended);

    private sealed class FakeDisk : IDiskSync
    {
        private volatile TaskCompletionSource open = Opened();
        private readonly object gate = new();
        private readonly List<Sync> syncs = [];
        private long clock;
        private bool holdNext;

        public SemaphoreSlim Entered { get; } = new(0);

        public bool FailNext { get; set; }

        public IReadOnlyList<Sync> Syncs
        {
            get
            {
                lock (gate)
                {
                    return [.. syncs];
                }
            }
        }

        public long Tick() => Interlocked.Increment(ref clock);

        public void HoldNext()
        {
            holdNext = true;
            open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public void Release() => open.TrySetResult();

        private static TaskCompletionSource Opened()
        {
            var opened = new TaskCompletionSource();
            opened.SetResult();
            return opened;
        }

        public void Sync()
        {
            var began = Tick();
            if (holdNext)
            {
                holdNext = false;
                Entered.Release();
                Assert.True(open.Task.Wait(Timeout));
            }

            var failed = FailNext;
            FailNext = false;
            lock (gate)
            {
                syncs.Add(new Sync(began, Tick()));
            }

            if (failed)
            {
                throw new IOException("fsync failed");
            }
        }
    }
}

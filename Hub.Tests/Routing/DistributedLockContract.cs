using Microsoft.Extensions.DependencyInjection;
using SupportHub.Server.Infrastructure.Locks;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Routing;

/// <summary>What every <see cref="IDistributedLock"/> promises: one holder per key at a time, a bounded wait.</summary>
public abstract class DistributedLockContract : IAsyncLifetime
{
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    protected IDistributedLock First { get; set; } = null!;

    /// <summary>Another node's view of the same locks (the same object in-process).</summary>
    protected IDistributedLock Second { get; set; } = null!;

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    [Fact]
    public async Task FortyCallersOfOneKey_FromTwoNodes_HoldItOneAtATime()
    {
        var key = "call:" + Guid.NewGuid().ToString("N");
        var inside = 0;
        var most = 0;
        var entered = 0;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await go.Task;
            await using (await (i % 2 == 0 ? First : Second).AcquireAsync(key, Lease, TimeSpan.FromSeconds(30)))
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref most, now);
                await Task.Delay(2);
                Interlocked.Decrement(ref inside);
                Interlocked.Increment(ref entered);
            }
        })).ToList();
        go.SetResult();
        await Task.WhenAll(callers);

        Assert.Equal((40, 1), (entered, most));
    }

    [Fact]
    public async Task AHeldKey_MakesTheNextCallerWait_AndTimeOut_UntilItIsReleased()
    {
        var key = "call:" + Guid.NewGuid().ToString("N");
        var held = await First.AcquireAsync(key, Lease, TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<TimeoutException>(() => Second.AcquireAsync(key, Lease, TimeSpan.FromMilliseconds(200)));
        var waiting = Second.AcquireAsync(key, Lease, TimeSpan.FromSeconds(10));
        Assert.False(waiting.IsCompleted);
        await held.DisposeAsync();
        await using var next = await waiting.WaitAsync(HubServer.Timeout);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

public sealed class InProcessLockTests : DistributedLockContract
{
    public override Task InitializeAsync()
    {
        First = Second = new InProcessLock();
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        (First as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class RedisLockTests : DistributedLockContract
{
    private RedisStateHost first = null!;
    private RedisStateHost second = null!;

    public override async Task InitializeAsync()
    {
        first = await RedisStateHost.StartAsync();
        second = await RedisStateHost.StartAsync(first.Prefix);
        First = first.Services.GetRequiredService<IDistributedLock>();
        Second = second.Services.GetRequiredService<IDistributedLock>();
    }

    public override async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    [Fact]
    public async Task ALockWhoseNodeDied_IsFreeAgainAfterItsLease()
    {
        var key = "call:" + Guid.NewGuid().ToString("N");
        _ = await First.AcquireAsync(key, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(5)); // never released

        await using var taken = await Second.AcquireAsync(key, Lease, TimeSpan.FromSeconds(10));
        Assert.True(await first.Redis.GetDatabase().KeyExistsAsync(first.Prefix + "lock:" + key));
    }
}

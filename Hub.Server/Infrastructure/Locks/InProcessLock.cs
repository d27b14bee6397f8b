namespace SupportHub.Server.Infrastructure.Locks;

/// <summary>One node's locks: a fixed set of semaphores chosen by the key's hash, so nothing grows per key.</summary>
internal sealed class InProcessLock : IDistributedLock, IDisposable
{
    private readonly SemaphoreSlim[] stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<IAsyncDisposable> AcquireAsync(string key, TimeSpan lease, TimeSpan timeout, CancellationToken ct = default)
    {
        var stripe = stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)stripes.Length)];
        if (!await stripe.WaitAsync(timeout, ct))
        {
            throw new TimeoutException($"The lock '{key}' was not free within {timeout}.");
        }

        return new Release(stripe);
    }

    public void Dispose()
    {
        foreach (var stripe in stripes)
        {
            stripe.Dispose();
        }
    }

    private sealed class Release(SemaphoreSlim stripe) : IAsyncDisposable
    {
        private int released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                stripe.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}

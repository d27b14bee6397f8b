namespace SupportHub.Tests.TestHost;

/// <summary>Everything one client event delivered, in arrival order, with waits that time out.</summary>
public sealed class EventLog<T>
{
    private readonly List<T> items = [];
    private readonly Lock gate = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(T item)
    {
        TaskCompletionSource previous;
        lock (gate)
        {
            items.Add(item);
            previous = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (gate)
        {
            return [.. items];
        }
    }

    public async Task<T> WaitForAsync(Func<T, bool> match, TimeSpan? timeout = null) =>
        (await WaitForCountAsync(match, 1, timeout))[0];

    /// <summary>Waits until at least <paramref name="count"/> events match, and returns the matches.</summary>
    public async Task<IReadOnlyList<T>> WaitForCountAsync(Func<T, bool> match, int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? HubServer.Timeout);
        while (true)
        {
            Task next;
            lock (gate)
            {
                var hits = items.Where(match).ToList();
                if (hits.Count >= count)
                {
                    return hits;
                }

                next = changed.Task;
            }

            try
            {
                await next.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited for {count} {typeof(T).Name} event(s); saw {Snapshot().Count(match)} matching of {Snapshot().Count}.");
            }
        }
    }
}

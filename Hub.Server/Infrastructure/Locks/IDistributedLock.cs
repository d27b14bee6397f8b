namespace SupportHub.Server.Infrastructure.Locks;

/// <summary>
/// Short critical sections that must not run twice at once on any node, such as creating the
/// conversation of a call when Twilio repeats a webhook. In-process by default; on Redis when Hub
/// runs distributed.
/// </summary>
public interface IDistributedLock
{
    /// <summary>
    /// Waits until this caller holds <paramref name="key"/>, at most <paramref name="timeout"/>
    /// (then <see cref="TimeoutException"/>). Disposing the result releases it; a node that dies
    /// holding it loses it after <paramref name="lease"/>.
    /// </summary>
    Task<IAsyncDisposable> AcquireAsync(string key, TimeSpan lease, TimeSpan timeout, CancellationToken ct = default);
}

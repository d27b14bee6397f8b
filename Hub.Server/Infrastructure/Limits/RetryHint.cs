using System.Threading.RateLimiting;

namespace SupportHub.Server.Infrastructure.Limits;

/// <summary>The whole seconds a refused client waits: the Retry-After header, and the hub error's <c>Retry after N s</c>.</summary>
public static class RetryHint
{
    public static int Seconds(RateLimitLease lease, TimeSpan fallback) =>
        Seconds(lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : fallback);

    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}

using System.Threading.RateLimiting;

namespace SupportHub.Server.Infrastructure.Limits;

/// <summary>At most <see cref="PermitLimit"/> events per fixed <see cref="Window"/> (docs/security.md#limits).</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    public static RateLimit Of(int permitLimit, TimeSpan window) => new() { PermitLimit = permitLimit, Window = window };

    public FixedWindowRateLimiterOptions ToLimiterOptions() =>
        new() { PermitLimit = PermitLimit, Window = Window, QueueLimit = 0, AutoReplenishment = true };
}

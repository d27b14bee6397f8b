using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SupportHub.Server.Infrastructure.Limits;

/// <summary>
/// Counts failed sign-ins per client address and per account at that address. Only failures count, so
/// an agent who types the password right is never slowed down; once either count is used up, every
/// attempt from that address (for that account) is refused until its window ends, without checking
/// the password. In memory, per node.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly LimitsOptions options;
    private readonly PartitionedRateLimiter<string> perAddress;
    private readonly PartitionedRateLimiter<string> perAccount;

    public SignInThrottle(IOptions<LimitsOptions> options)
    {
        this.options = options.Value;
        perAddress = PartitionedRateLimiter.Create<string, string>(
            address => RateLimitPartition.GetFixedWindowLimiter(address, _ => this.options.SignInFailuresPerAddress.ToLimiterOptions()));
        perAccount = PartitionedRateLimiter.Create<string, string>(
            key => RateLimitPartition.GetFixedWindowLimiter(key, _ => this.options.SignInFailuresPerAccount.ToLimiterOptions()));
    }

    /// <returns>The seconds to wait when this address (or this account from it) has no failed attempt left; null to go on.</returns>
    public int? RefusedFor(string address, string email)
    {
        // Zero permits asks whether any are left, without taking one.
        using var byAddress = perAddress.AttemptAcquire(address, 0);
        if (!byAddress.IsAcquired)
        {
            return RetryHint.Seconds(byAddress, options.SignInFailuresPerAddress.Window);
        }

        using var byAccount = perAccount.AttemptAcquire(AccountKey(address, email), 0);
        return byAccount.IsAcquired ? null : RetryHint.Seconds(byAccount, options.SignInFailuresPerAccount.Window);
    }

    public void Failed(string address, string email)
    {
        perAddress.AttemptAcquire(address).Dispose();
        perAccount.AttemptAcquire(AccountKey(address, email)).Dispose();
    }

    public void Dispose()
    {
        perAddress.Dispose();
        perAccount.Dispose();
    }

    private static string AccountKey(string address, string email) => $"{email.Trim().ToLowerInvariant()}|{address}";
}

using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Infrastructure.Limits;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// The hubs' limits: messages per connection on both hubs, typing per connection (dropped silently
/// beyond it, so a flood never fans out to the other side), and conversation starts per visitor
/// (<see cref="VisitorStartLimit"/>). A refusal is <c>rate_limited: Retry after N s: ...</c>.
/// </summary>
internal sealed class HubRateLimitFilter : IHubFilter, IDisposable
{
    private readonly LimitsOptions options;
    private readonly VisitorStartLimit starts;
    private readonly PartitionedRateLimiter<string> customerMessages;
    private readonly PartitionedRateLimiter<string> agentMessages;
    private readonly PartitionedRateLimiter<string> typing;

    public HubRateLimitFilter(IOptions<LimitsOptions> options, VisitorStartLimit starts)
    {
        this.options = options.Value;
        this.starts = starts;
        customerMessages = PerKey(this.options.CustomerMessagesPerConnection);
        agentMessages = PerKey(this.options.AgentMessagesPerConnection);
        typing = PerKey(this.options.TypingPerConnection);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var connectionId = invocationContext.Context.ConnectionId;
        switch (invocationContext.Hub, invocationContext.HubMethodName)
        {
            case (CustomerHub or AgentHub, nameof(CustomerHub.Typing)):
                using (var lease = typing.AttemptAcquire(connectionId))
                {
                    if (!lease.IsAcquired)
                    {
                        return null; // dropped: the other side never sees a typing flood
                    }
                }

                break;
            case (CustomerHub, nameof(CustomerHub.Send) or nameof(CustomerHub.LeaveMessage)):
                Take(customerMessages, connectionId, options.CustomerMessagesPerConnection, "too many messages on this connection.");
                break;
            case (AgentHub, nameof(AgentHub.Send) or nameof(AgentHub.AddNote)):
                Take(agentMessages, connectionId, options.AgentMessagesPerConnection, "too many messages on this connection.");
                break;
            case (CustomerHub, nameof(CustomerHub.StartConversation)):
                return await starts.RunAsync(invocationContext, next);
        }

        return await next(invocationContext);
    }

    public void Dispose()
    {
        customerMessages.Dispose();
        agentMessages.Dispose();
        typing.Dispose();
    }

    private static PartitionedRateLimiter<string> PerKey(RateLimit limit) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => limit.ToLimiterOptions()));

    internal static void Take(PartitionedRateLimiter<string> limiter, string key, RateLimit limit, string reason)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (!lease.IsAcquired)
        {
            throw HubErrors.TooFast(RetryHint.Seconds(lease, limit.Window), reason);
        }
    }
}

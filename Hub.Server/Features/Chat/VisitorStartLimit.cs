using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Infrastructure.Limits;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// A visitor's conversation starts: at most <see cref="LimitsOptions.ConversationsPerVisitor"/> per
/// window, and at most <see cref="LimitsOptions.WaitingConversationsPerVisitor"/> waiting at once, so
/// one visitor can never fill the agents' queue. The count and the start run under one lock per
/// visitor, so two connections of one visitor on this node cannot both slip past the cap. The lock is
/// this class's own (striped, in process), never <see cref="Infrastructure.Locks.IDistributedLock"/>:
/// the start takes locks of its own, and a non-reentrant stripe shared with them could deadlock. With
/// several nodes, racing starts of one visitor on different nodes can each pass once. A repeated
/// start (same client message id) is an idempotent retry and is never refused.
/// </summary>
internal sealed class VisitorStartLimit : IDisposable
{
    /// <summary>What a refused visitor is told to wait for a place: the cap frees when an agent takes a conversation or it ends.</summary>
    public static readonly TimeSpan WaitingRetry = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim[] stripes = [.. Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1))];

    private readonly LimitsOptions options;
    private readonly IConversationStore conversations;
    private readonly PartitionedRateLimiter<string> startsPerVisitor;

    public VisitorStartLimit(IOptions<LimitsOptions> options, IConversationStore conversations)
    {
        this.options = options.Value;
        this.conversations = conversations;
        startsPerVisitor = PartitionedRateLimiter.Create<string, string>(
            visitor => RateLimitPartition.GetFixedWindowLimiter(visitor, _ => this.options.ConversationsPerVisitor.ToLimiterOptions()));
    }

    public async ValueTask<object?> RunAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var ct = context.Context.ConnectionAborted;
        if (context.Context.UserIdentifier is not { } customerId
            || context.HubMethodArguments is not [StartConversationRequest request]
            || await conversations.FindStartAsync(customerId, request.ClientMessageId, ct) is not null)
        {
            return await next(context);
        }

        HubRateLimitFilter.Take(startsPerVisitor, customerId, options.ConversationsPerVisitor, "too many conversations started by this visitor.");
        var stripe = stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(customerId) % (uint)stripes.Length)];
        await stripe.WaitAsync(ct);
        try
        {
            var waiting = (await conversations.ListByCustomerAsync(customerId, ct)).Count(c => c.Status == ConversationStatus.Waiting);
            if (waiting >= options.WaitingConversationsPerVisitor)
            {
                throw HubErrors.TooFast(
                    RetryHint.Seconds(WaitingRetry),
                    $"{waiting} conversations of this visitor are waiting for an agent already; continue one of them.");
            }

            return await next(context);
        }
        finally
        {
            stripe.Release();
        }
    }

    public void Dispose()
    {
        startsPerVisitor.Dispose();
        foreach (var stripe in stripes)
        {
            stripe.Dispose();
        }
    }
}

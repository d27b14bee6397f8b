using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Infrastructure.Auth;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// On the agent hub only: keeps <see cref="AgentConnections"/> current and checks the session on every
/// call (expiry, account, session version), closing the connection when it no longer stands. The
/// check may use a copy of the account up to <see cref="SessionValidator.CacheFor"/> old: ending
/// sessions also closes the connections directly. A connection registered just after its sessions
/// ended is caught by the fresh check that follows its registration.
/// </summary>
internal sealed class AgentSessionFilter(AgentConnections connections, SessionValidator sessions, TimeProvider time) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var caller = context.Context;
        connections.Add(caller.UserIdentifier ?? string.Empty, caller);
        if (await sessions.RefusalAsync(caller.User!, mayUseRecentCopy: false, caller.ConnectionAborted) is { } refusal)
        {
            caller.Abort();
            throw HubErrors.Create(HubErrors.Forbidden, refusal);
        }

        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        connections.Remove(context.Context.UserIdentifier ?? string.Empty, context.Context.ConnectionId);
        await next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var caller = invocationContext.Context;
        var refusal = Expired(caller) ? "The token has expired: sign in again." : await sessions.RefusalAsync(caller.User!, mayUseRecentCopy: true, caller.ConnectionAborted);
        if (refusal is not null)
        {
            caller.Abort();
            throw HubErrors.Create(HubErrors.Forbidden, refusal);
        }

        return await next(invocationContext);
    }

    private bool Expired(HubCallerContext caller) =>
        long.TryParse(caller.User?.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
        && DateTimeOffset.FromUnixTimeSeconds(exp) <= time.GetUtcNow();
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using SupportHub.Server.Infrastructure.Auth;

namespace SupportHub.Server.Features.Agents;

/// <summary>
/// Whether a staff token still stands for a live session: the agent exists, is enabled, is no demo
/// account outside Development, and the token's session version (<c>sv</c>) is the agent's current
/// one. HTTP requests ask the store each time; hub calls may use a copy at most
/// <see cref="CacheFor"/> old, because ending sessions also closes the connections directly and drops
/// the copy on every node (<see cref="ISessionsEndedListener"/>).
/// </summary>
public sealed class SessionValidator(IAgentStore store, DemoAccountPolicy demo, TimeProvider time) : ISessionsEndedListener
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, (Agent? Agent, DateTimeOffset ReadAt)> recent = new(StringComparer.Ordinal);

    /// <returns>Null when the session stands; otherwise why not, for the log and the client.</returns>
    public async Task<string?> RefusalAsync(ClaimsPrincipal user, bool mayUseRecentCopy, CancellationToken ct)
    {
        var id = user.FindFirst(HubClaims.Subject)?.Value ?? string.Empty;
        var agent = mayUseRecentCopy ? await RecentAsync(id, ct) : await store.GetAsync(id, ct);
        if (agent is not { Disabled: false })
        {
            return "This agent account is disabled or no longer exists.";
        }

        if (demo.Refuses(agent.Email))
        {
            return "Demo accounts work only in Development.";
        }

        return VersionOf(user) == agent.SessionVersion ? null : "This session has ended: sign in again.";
    }

    public void SessionsEnded(string agentId) => recent.TryRemove(agentId, out _);

    /// <summary>Tokens issued before session versions existed carry none: they count as version 0.</summary>
    public static int VersionOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirst(HubClaims.SessionVersion)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0;

    private async Task<Agent?> RecentAsync(string id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (recent.TryGetValue(id, out var copy) && now - copy.ReadAt < CacheFor)
        {
            return copy.Agent;
        }

        var agent = await store.GetAsync(id, ct);
        recent[id] = (agent, now);
        return agent;
    }
}

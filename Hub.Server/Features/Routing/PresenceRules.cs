namespace SupportHub.Server.Features.Routing;

/// <summary>Presence arithmetic shared by every routing-state adapter, so they cannot drift apart.</summary>
public static class PresenceRules
{
    /// <summary>
    /// Null while a connection is live; otherwise when the last one ended: closed, or silent past its
    /// heartbeat deadline. An agent that never connected counts from its registration.
    /// </summary>
    public static DateTimeOffset? DisconnectedSince(
        IEnumerable<DateTimeOffset> connectionExpiries, DateTimeOffset? lastEndedAt, DateTimeOffset registeredAt, DateTimeOffset at)
    {
        DateTimeOffset? latestExpired = null;
        foreach (var expiry in connectionExpiries)
        {
            if (expiry > at)
            {
                return null;
            }

            latestExpired = latestExpired is null || expiry > latestExpired ? expiry : latestExpired;
        }

        var ended = Max(lastEndedAt, latestExpired);
        return ended ?? registeredAt;
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a > b ? a : b);
}

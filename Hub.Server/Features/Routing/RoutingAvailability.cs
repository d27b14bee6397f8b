namespace SupportHub.Server.Features.Routing;

/// <param name="Reason">Null when someone can answer; otherwise what to tell the customer.</param>
public sealed record Availability(bool CanAnswer, string? Reason);

/// <summary>One rule for "can anyone answer now", used when a chat starts and while it waits.</summary>
public static class RoutingAvailability
{
    public const string OutsideHours = "We are outside our business hours. Leave a message and we will answer it.";
    public const string NobodyOnline = "No agent is online right now. Leave a message and we will answer it.";

    public static Availability Of(RoutingOptions options, IEnumerable<AgentPresence> agents, DateTimeOffset now)
    {
        if (options.BusinessHours is { } hours && !hours.IsOpen(now))
        {
            return new Availability(false, OutsideHours);
        }

        var levels = options.EffectiveWorkflow.Select(t => t.Level).Append(options.EffectiveDefaultTarget.Level).ToHashSet();
        return agents.Any(a => a.Status != PresenceStatus.Offline && a.Levels.Any(levels.Contains))
            ? new Availability(true, null)
            : new Availability(false, NobodyOnline);
    }
}

namespace SupportHub.Server.Features.Tickets;

/// <summary>One entry of a ticket's level history; the first entry is the level it was opened at.</summary>
public sealed class LevelChange
{
    public int Level { get; set; }

    public DateTimeOffset At { get; set; }

    public string? ByAgentId { get; set; }

    public string? Reason { get; set; }

    /// <summary>The hand-off note the escalating agent left for the next level.</summary>
    public string? Note { get; set; }
}

namespace SupportHub.Server.Features.Tickets;

/// <summary>The durable record of a case, readable by every level.</summary>
public sealed class Ticket
{
    public required string Id { get; set; }

    /// <summary>Human-readable, gap-free, given by the store (callers can type it on a phone keypad).</summary>
    public long Number { get; set; }

    public required string CustomerId { get; set; }

    public string? Subject { get; set; }

    public TicketStatus Status { get; set; }

    public int Level { get; set; } = 1;

    public List<LevelChange> LevelHistory { get; set; } = [];

    public List<string> ConversationIds { get; set; } = [];

    /// <summary>The agent who last worked on it; sticky routing starts there.</summary>
    public string? LastAgentId { get; set; }

    public string? Resolution { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }
}

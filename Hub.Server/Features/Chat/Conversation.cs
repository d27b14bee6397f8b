namespace SupportHub.Server.Features.Chat;

/// <summary>One contact of a customer on one channel; a task for the router.</summary>
public sealed class Conversation
{
    public required string Id { get; set; }

    public Channel Channel { get; set; }

    public ConversationStatus Status { get; set; }

    /// <summary>Support level the conversation is (or waits) at: 1 = first level.</summary>
    public int Level { get; set; } = 1;

    public string? Skill { get; set; }

    /// <summary>Higher is more urgent.</summary>
    public int Priority { get; set; }

    public required string CustomerId { get; set; }

    /// <summary>The name the customer gave at start, copied here for queue lists and message senders.</summary>
    public string? CustomerName { get; set; }

    public string? Topic { get; set; }

    public string? AssignedAgentId { get; set; }

    public required string TicketId { get; set; }

    /// <summary>The ticket's number, copied here so lists need no second read.</summary>
    public long TicketNumber { get; set; }

    /// <summary>The client id of the start request, so a retried start creates nothing twice.</summary>
    public string? StartClientMessageId { get; set; }

    public long LastSeq { get; set; }

    public long CustomerReadSeq { get; set; }

    public long AgentReadSeq { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? AssignedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The customer's satisfaction rating, 1 to 5, given once after the conversation closed.</summary>
    public int? Rating { get; set; }

    public string? RatingComment { get; set; }

    public DateTimeOffset? RatedAt { get; set; }

    /// <summary>The phone call behind a voice conversation; null for a chat.</summary>
    public ConversationCall? Call { get; set; }

    public bool IsOpen => Status is ConversationStatus.Waiting or ConversationStatus.Active;
}

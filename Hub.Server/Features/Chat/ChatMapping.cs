namespace SupportHub.Server.Features.Chat;

internal static class ChatMapping
{
    public static MessageDto ToDto(this ChatMessage m) =>
        new(m.ConversationId, m.Seq, m.ClientMessageId, m.SenderRole, m.SenderName, m.Kind, m.Text, m.SentAt);

    public static ConversationDto ToDto(this Conversation c, string? assignedAgentName) =>
        new(c.Id, c.Channel, c.Status, c.Level, c.Skill, c.Priority, c.Topic, c.CustomerId, c.AssignedAgentId,
            assignedAgentName, c.TicketNumber, c.LastSeq, c.CustomerReadSeq, c.AgentReadSeq, c.CreatedAt, c.AssignedAt, c.ClosedAt, c.Rating,
            c.Call is { } call ? new CallDto(call.CallSid, call.Kind, call.CallerNumber) : null);

    public static QueueItemDto ToQueueItem(this Conversation c) =>
        new(c.Id, c.TicketNumber, c.CustomerName, c.Topic, c.Level, c.Priority, c.CreatedAt, c.Channel);
}

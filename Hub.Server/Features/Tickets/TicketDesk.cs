namespace SupportHub.Server.Features.Tickets;

/// <summary>Every contact belongs to a ticket: a returning customer's unresolved one, or a new one.</summary>
public sealed class TicketDesk(ITicketStore tickets, TimeProvider time)
{
    /// <summary>
    /// The ticket a new conversation belongs to: the customer's unresolved ticket continues (same
    /// level, its last agent first), otherwise a new one is opened at level 1.
    /// </summary>
    public async Task<Ticket> ForNewConversationAsync(string customerId, string conversationId, string? subject, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var ticket = (await tickets.ListByCustomerAsync(customerId, ct)).FirstOrDefault(IsOpen);
        if (ticket is null)
        {
            return await tickets.CreateAsync(
                new Ticket
                {
                    Id = HubIds.New(time),
                    CustomerId = customerId,
                    Subject = subject,
                    Status = TicketStatus.Open,
                    Level = 1,
                    LevelHistory = [new LevelChange { Level = 1, At = now, Reason = "opened" }],
                    ConversationIds = [conversationId],
                    CreatedAt = now,
                    UpdatedAt = now,
                },
                ct);
        }

        return await AttachAsync(ticket, conversationId, ct);
    }

    /// <summary>An open (not resolved, not closed) ticket by its number, as a caller keys it in; null otherwise.</summary>
    public async Task<Ticket?> FindOpenAsync(long number, CancellationToken ct) =>
        await tickets.GetByNumberAsync(number, ct) is { } ticket && IsOpen(ticket) ? ticket : null;

    /// <summary>A ticket work continues on: new contacts of its customer join it.</summary>
    public static bool IsOpen(Ticket ticket) => ticket.Status is not (TicketStatus.Resolved or TicketStatus.Closed);

    /// <summary>Adds a conversation to a ticket (a caller who keyed in its number, a voicemail left on it).</summary>
    public async Task<Ticket> AttachAsync(Ticket ticket, string conversationId, CancellationToken ct)
    {
        if (!ticket.ConversationIds.Contains(conversationId))
        {
            ticket.ConversationIds.Add(conversationId);
        }

        ticket.UpdatedAt = time.GetUtcNow();
        await tickets.ReplaceAsync(ticket, ct);
        return ticket;
    }
}

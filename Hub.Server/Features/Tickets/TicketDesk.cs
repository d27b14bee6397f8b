namespace SupportHub.Server.Features.Tickets;

/// <summary>
/// Every contact belongs to a ticket: a returning customer's unresolved one, or a new one. The desk
/// is the one owner of ticket changes: each is named for its intent and is one atomic change in the
/// store, so changes made at once by different agents, the router and webhooks all survive. A change
/// of a ticket that does not exist answers false, and changes nothing.
/// </summary>
public sealed class TicketDesk(ITicketStore tickets, TimeProvider time)
{
    /// <summary>
    /// The ticket a new conversation belongs to: the customer's unresolved ticket continues (same
    /// level, its last agent first), otherwise a new one is opened at level 1.
    /// </summary>
    public async Task<Ticket> ForNewConversationAsync(string customerId, string conversationId, string? subject, CancellationToken ct)
    {
        var ticket = (await tickets.ListByCustomerAsync(customerId, ct)).FirstOrDefault(IsOpen);
        return ticket is null
            ? await tickets.CreateAsync(NewTicket(HubIds.New(time), customerId, subject, [conversationId]), ct)
            : await AttachConversationAsync(ticket.Id, conversationId, ct);
    }

    /// <summary>
    /// The ticket a customer's chat start belongs to, as <see cref="ForNewConversationAsync"/> but
    /// before its conversation exists: racing repeats of one start (same <paramref name="startKey"/>)
    /// open one ticket, since its id is derived from the start, so the second creation finds the
    /// first. The caller attaches the conversation once it is stored.
    /// </summary>
    public async Task<Ticket> ForStartAsync(string customerId, string startKey, string? subject, CancellationToken ct) =>
        (await tickets.ListByCustomerAsync(customerId, ct)).FirstOrDefault(IsOpen)
        ?? await tickets.CreateAsync(NewTicket(HubIds.Derived("ticket-for-start", customerId, startKey), customerId, subject, []), ct);

    private Ticket NewTicket(string id, string customerId, string? subject, List<string> conversationIds)
    {
        var now = time.GetUtcNow();
        return new Ticket
        {
            Id = id,
            CustomerId = customerId,
            Subject = subject,
            Status = TicketStatus.Open,
            Level = 1,
            LevelHistory = [new LevelChange { Level = 1, At = now, Reason = "opened" }],
            ConversationIds = conversationIds,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>An open (not resolved, not closed) ticket by its number, as a caller keys it in; null otherwise.</summary>
    public async Task<Ticket?> FindOpenAsync(long number, CancellationToken ct) =>
        await tickets.GetByNumberAsync(number, ct) is { } ticket && IsOpen(ticket) ? ticket : null;

    /// <summary>A ticket work continues on: new contacts of its customer join it.</summary>
    public static bool IsOpen(Ticket ticket) => ticket.Status is not (TicketStatus.Resolved or TicketStatus.Closed);

    /// <summary>
    /// Adds a conversation to a ticket once (a new contact, a caller who keyed in its number, a
    /// voicemail left on it); returns the ticket as stored after the change.
    /// </summary>
    public async Task<Ticket> AttachConversationAsync(string ticketId, string conversationId, CancellationToken ct) =>
        await tickets.AddConversationAsync(ticketId, conversationId, time.GetUtcNow(), ct)
        ?? throw new InvalidOperationException($"Ticket {ticketId} does not exist; tickets are never deleted.");

    /// <summary>An agent took the ticket's conversation: sticky routing offers them its next contact first.</summary>
    public Task<bool> RecordAgentAsync(string ticketId, string agentId, CancellationToken ct) =>
        tickets.SetLastAgentAsync(ticketId, agentId, time.GetUtcNow(), ct);

    /// <summary>An agent passed the ticket to another level, with the reason and a hand-off note for the next level.</summary>
    public Task<bool> EscalateAsync(string ticketId, int level, string byAgentId, string reason, string? note, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var change = new LevelChange { Level = level, At = now, ByAgentId = byAgentId, Reason = reason, Note = note };
        return tickets.ChangeLevelAsync(ticketId, change, TicketStatus.Escalated, now, ct);
    }

    /// <summary>
    /// The routing workflow moved the ticket's waiting conversation to another level (nobody there, or
    /// the wait ran out): above level 1 the ticket counts as escalated, at level 1 its status stays.
    /// </summary>
    public Task<bool> MoveToLevelAsync(string ticketId, int level, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var change = new LevelChange { Level = level, At = now, Reason = reason };
        return tickets.ChangeLevelAsync(ticketId, change, level > 1 ? TicketStatus.Escalated : null, now, ct);
    }

    public Task<bool> ResolveAsync(string ticketId, string agentId, string resolution, CancellationToken ct) =>
        tickets.ResolveAsync(ticketId, agentId, resolution, time.GetUtcNow(), ct);

    /// <summary>The fix did not hold: the ticket is worked on again by <paramref name="agentId"/>.</summary>
    public Task<bool> ReopenAsync(string ticketId, string agentId, CancellationToken ct) =>
        tickets.ReopenAsync(ticketId, agentId, time.GetUtcNow(), ct);
}

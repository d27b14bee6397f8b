namespace SupportHub.Server.Features.Tickets;

/// <summary>
/// Tickets. Every adapter passes TicketStoreContract. A ticket is changed only through the targeted
/// operations below, each one atomic in the store, so two changes made at once (an escalation and a
/// new conversation, say) both survive; there is no whole-document replace to overwrite either.
/// Each returns false (or null) when the ticket does not exist.
/// </summary>
public interface ITicketStore
{
    /// <summary>
    /// Stores a new ticket and gives it the next number; returns the stored ticket. When a ticket with
    /// its id exists already (a repeated or racing creation of one ticket), stores nothing and returns
    /// that one.
    /// </summary>
    Task<Ticket> CreateAsync(Ticket ticket, CancellationToken ct = default);

    Task<Ticket?> GetAsync(string id, CancellationToken ct = default);

    Task<Ticket?> GetByNumberAsync(long number, CancellationToken ct = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Ticket>> ListByCustomerAsync(string customerId, CancellationToken ct = default);

    /// <summary>Sets the agent who last worked on the ticket.</summary>
    Task<bool> SetLastAgentAsync(string id, string agentId, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>
    /// Moves the ticket to <paramref name="change"/>'s level and appends it to the level history; the
    /// status becomes <paramref name="status"/>, or stays as it is when that is null.
    /// </summary>
    Task<bool> ChangeLevelAsync(string id, LevelChange change, TicketStatus? status, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Resolved by <paramref name="agentId"/> with <paramref name="resolution"/>, at <paramref name="at"/>.</summary>
    Task<bool> ResolveAsync(string id, string agentId, string resolution, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Reopened by <paramref name="agentId"/>: no longer resolved.</summary>
    Task<bool> ReopenAsync(string id, string agentId, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>
    /// Clears the texts that may carry a customer's personal data (subject, resolution, the reasons
    /// and notes of the level history) in one atomic step; number, status, levels, agents and times stay.
    /// </summary>
    Task<bool> AnonymizeAsync(string id, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Adds a conversation to the ticket unless it is there already; returns the ticket as it is after the change.</summary>
    Task<Ticket?> AddConversationAsync(string id, string conversationId, DateTimeOffset at, CancellationToken ct = default);
}

namespace SupportHub.Server.Features.Tickets;

/// <summary>Tickets. Every adapter passes TicketStoreContract.</summary>
public interface ITicketStore
{
    /// <summary>Stores a new ticket and gives it the next number; returns the stored ticket.</summary>
    Task<Ticket> CreateAsync(Ticket ticket, CancellationToken ct = default);

    Task<Ticket?> GetAsync(string id, CancellationToken ct = default);

    Task<Ticket?> GetByNumberAsync(long number, CancellationToken ct = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Ticket>> ListByCustomerAsync(string customerId, CancellationToken ct = default);

    /// <summary>Replaces the stored ticket; false when it does not exist.</summary>
    Task<bool> ReplaceAsync(Ticket ticket, CancellationToken ct = default);
}

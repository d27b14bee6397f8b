namespace SupportHub.Server.Features.Customers;

/// <summary>Customers. Every adapter passes CustomerStoreContract.</summary>
public interface ICustomerStore
{
    /// <summary>
    /// Stores a new customer, insert-first, and returns the customer that is stored: this one, or,
    /// when a customer with the same Id or the same ExternalId is already there (a concurrent create
    /// won), that one, and nothing is written. The store's unique indexes decide, never a look-up
    /// first, so one site user id belongs to one customer on every adapter.
    /// </summary>
    Task<Customer> CreateAsync(Customer customer, CancellationToken ct = default);

    Task<Customer?> GetAsync(string id, CancellationToken ct = default);

    /// <summary>The customer a site's verified user id belongs to.</summary>
    Task<Customer?> GetByExternalIdAsync(string externalId, CancellationToken ct = default);

    /// <summary>
    /// Replaces the stored customer; false when it does not exist or was erased (checked in the same
    /// atomic step, so a replace racing an erasure never writes the personal fields back).
    /// </summary>
    Task<bool> ReplaceAsync(Customer customer, CancellationToken ct = default);

    /// <summary>
    /// Clears the personal fields (name, e-mail, external id, phone number) and marks the customer
    /// erased, in one atomic step; repeating it changes nothing more. False when the customer does not exist.
    /// </summary>
    Task<bool> EraseAsync(string id, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>
    /// Customers whose e-mail, phone number or external id equals one of the given values (exact,
    /// as stored; null values match nothing), at most <paramref name="limit"/>, oldest first.
    /// </summary>
    Task<IReadOnlyList<Customer>> SearchAsync(string? email, string? phoneNumber, string? externalId, int limit, CancellationToken ct = default);
}

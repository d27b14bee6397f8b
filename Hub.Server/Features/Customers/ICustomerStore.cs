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

    /// <summary>Replaces the stored customer; false when it does not exist.</summary>
    Task<bool> ReplaceAsync(Customer customer, CancellationToken ct = default);
}

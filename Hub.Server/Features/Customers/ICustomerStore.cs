namespace SupportHub.Server.Features.Customers;

/// <summary>Customers. Every adapter passes CustomerStoreContract.</summary>
public interface ICustomerStore
{
    Task CreateAsync(Customer customer, CancellationToken ct = default);

    Task<Customer?> GetAsync(string id, CancellationToken ct = default);

    /// <summary>The customer a site's verified user id belongs to.</summary>
    Task<Customer?> GetByExternalIdAsync(string externalId, CancellationToken ct = default);

    /// <summary>Replaces the stored customer; false when it does not exist.</summary>
    Task<bool> ReplaceAsync(Customer customer, CancellationToken ct = default);
}

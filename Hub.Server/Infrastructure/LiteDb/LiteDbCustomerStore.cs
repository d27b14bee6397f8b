using LiteDB;
using SupportHub.Server.Features.Customers;

namespace SupportHub.Server.Infrastructure.LiteDb;

internal sealed class LiteDbCustomerStore(LiteDbContext db) : ICustomerStore
{
    public Task<Customer> CreateAsync(Customer customer, CancellationToken ct = default)
    {
        try
        {
            db.Customers.Insert(customer);
            return Task.FromResult(customer);
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            // The _id index or the unique external-id index refused it: the winner is stored.
            var stored = db.Customers.FindById(customer.Id)
                ?? (customer.ExternalId is { } externalId ? FindByExternalId(externalId) : null)
                ?? throw new InvalidOperationException($"Customer '{customer.Id}' was refused as a duplicate, but no customer holds its id or external id.", e);
            return Task.FromResult(stored);
        }
    }

    public Task<Customer?> GetAsync(string id, CancellationToken ct = default) =>
        Task.FromResult<Customer?>(db.Customers.FindById(id));

    public Task<Customer?> GetByExternalIdAsync(string externalId, CancellationToken ct = default) =>
        Task.FromResult(FindByExternalId(externalId));

    public Task<bool> ReplaceAsync(Customer customer, CancellationToken ct = default) =>
        Task.FromResult(db.Customers.Update(customer));

    /// <summary>By the unique index's own expression, so the index serves the look-up.</summary>
    private Customer? FindByExternalId(string externalId) =>
        db.Customers.FindOne(Query.EQ(LiteDbCustomerIndexes.ExternalIdKey, LiteDbCustomerIndexes.ExternalIdKeyOf(externalId)));
}

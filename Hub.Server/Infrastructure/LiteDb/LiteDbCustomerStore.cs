using SupportHub.Server.Features.Customers;

namespace SupportHub.Server.Infrastructure.LiteDb;

internal sealed class LiteDbCustomerStore(LiteDbContext db) : ICustomerStore
{
    public Task CreateAsync(Customer customer, CancellationToken ct = default)
    {
        db.Customers.Insert(customer);
        return Task.CompletedTask;
    }

    public Task<Customer?> GetAsync(string id, CancellationToken ct = default) =>
        Task.FromResult<Customer?>(db.Customers.FindById(id));

    public Task<Customer?> GetByExternalIdAsync(string externalId, CancellationToken ct = default) =>
        Task.FromResult<Customer?>(db.Customers.FindOne(c => c.ExternalId == externalId));

    public Task<bool> ReplaceAsync(Customer customer, CancellationToken ct = default) =>
        Task.FromResult(db.Customers.Update(customer));
}

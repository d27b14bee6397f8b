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

    public Task<bool> ReplaceAsync(Customer customer, CancellationToken ct = default)
    {
        lock (db.WriteGate)
        {
            var stored = db.Customers.FindById(customer.Id);
            return Task.FromResult(stored is { ErasedAt: null } && db.Customers.Update(customer));
        }
    }

    public Task<bool> EraseAsync(string id, DateTimeOffset at, CancellationToken ct = default)
    {
        lock (db.WriteGate)
        {
            var customer = db.Customers.FindById(id);
            if (customer is null)
            {
                return Task.FromResult(false);
            }

            customer.Name = null;
            customer.Email = null;
            customer.ExternalId = null;
            customer.PhoneNumber = null;
            customer.ErasedAt ??= at;
            db.Customers.Update(customer);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<Customer>> SearchAsync(string? email, string? phoneNumber, string? externalId, int limit, CancellationToken ct = default)
    {
        if (limit <= 0 || (email is null && phoneNumber is null && externalId is null))
        {
            return Task.FromResult<IReadOnlyList<Customer>>([]);
        }

        var byExternalId = externalId is null ? [] : FindByExternalId(externalId) is { } holder ? new[] { holder } : [];
        var byContact = new List<Customer>();
        if (email is not null)
        {
            byContact.AddRange(db.Customers.Find(Query.EQ(nameof(Customer.Email), email)));
        }

        if (phoneNumber is not null)
        {
            byContact.AddRange(db.Customers.Find(Query.EQ(nameof(Customer.PhoneNumber), phoneNumber)));
        }

        return Task.FromResult<IReadOnlyList<Customer>>([.. byExternalId.Concat(byContact)
            .DistinctBy(c => c.Id)
            .OrderBy(c => c.CreatedAt)
            .Take(limit)]);
    }

    /// <summary>By the unique index's own expression, so the index serves the look-up.</summary>
    private Customer? FindByExternalId(string externalId) =>
        db.Customers.FindOne(Query.EQ(LiteDbCustomerIndexes.ExternalIdKey, LiteDbCustomerIndexes.ExternalIdKeyOf(externalId)));
}

using MongoDB.Driver;
using SupportHub.Server.Features.Customers;
using static SupportHub.Server.Infrastructure.Mongo.MongoQueries;

namespace SupportHub.Server.Infrastructure.Mongo;

internal sealed class MongoCustomerStore : ICustomerStore
{
    private readonly IMongoCollection<Customer> customers;

    public MongoCustomerStore(IMongoDatabase database)
    {
        MongoMappings.EnsureRegistered();
        customers = database.GetCollection<Customer>(MongoCollections.Customers).WithReadPreference(ReadPreference.Primary);
    }

    public async Task<Customer> CreateAsync(Customer customer, CancellationToken ct = default)
    {
        try
        {
            await customers.InsertOneAsync(customer, cancellationToken: ct);
            return customer;
        }
        catch (MongoWriteException e) when (e.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            // The _id index or the partial unique index on ExternalId refused it: the winner is stored.
            return await GetAsync(customer.Id, ct)
                ?? (customer.ExternalId is { } externalId ? await GetByExternalIdAsync(externalId, ct) : null)
                ?? throw new InvalidOperationException($"Customer '{customer.Id}' was refused as a duplicate, but no customer holds its id or external id.", e);
        }
    }

    public async Task<Customer?> GetAsync(string id, CancellationToken ct = default) =>
        await customers.Find(CustomerById(id)).FirstOrDefaultAsync(ct);

    public async Task<Customer?> GetByExternalIdAsync(string externalId, CancellationToken ct = default) =>
        await customers.Find(CustomerByExternalId(externalId)).FirstOrDefaultAsync(ct);

    public async Task<bool> ReplaceAsync(Customer customer, CancellationToken ct = default)
    {
        var result = await customers.ReplaceOneAsync(ReplaceableCustomer(customer.Id), customer, cancellationToken: ct);
        return result.MatchedCount == 1;
    }

    /// <summary>The first erasure marks and clears in one update; a repeat only clears (a no-op), keeping the first mark.</summary>
    public async Task<bool> EraseAsync(string id, DateTimeOffset at, CancellationToken ct = default)
    {
        var first = await customers.UpdateOneAsync(CustomerNotMarkedErased(id), FirstEraseCustomerUpdate(at), cancellationToken: ct);
        if (first.MatchedCount == 1)
        {
            return true;
        }

        var again = await customers.UpdateOneAsync(CustomerById(id), EraseCustomerUpdate, cancellationToken: ct);
        return again.MatchedCount == 1;
    }

    public async Task<IReadOnlyList<Customer>> SearchAsync(
        string? email, string? phoneNumber, string? externalId, int limit, CancellationToken ct = default)
    {
        if (limit <= 0 || CustomerSearch(email, phoneNumber, externalId) is not { } filter)
        {
            return [];
        }

        return await customers.Find(filter).Sort(CustomersOldestFirst).Limit(limit).ToListAsync(ct);
    }
}

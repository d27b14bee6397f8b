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
        var result = await customers.ReplaceOneAsync(CustomerById(customer.Id), customer, cancellationToken: ct);
        return result.MatchedCount == 1;
    }
}

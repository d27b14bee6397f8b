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

    public Task CreateAsync(Customer customer, CancellationToken ct = default) =>
        customers.InsertOneAsync(customer, cancellationToken: ct);

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

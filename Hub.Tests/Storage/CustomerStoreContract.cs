using SupportHub.Server.Features.Customers;

namespace SupportHub.Tests.Storage;

public abstract class CustomerStoreContract : StoreContract
{
    [SkippableFact]
    public async Task Create_Get_Replace_RoundTrip()
    {
        var store = (await StoresAsync()).Customers;
        var customer = new Customer { Id = NewId(), Name = "Carla", Email = "carla@example.com", PhoneNumber = "+4917012345678", CreatedAt = Now(), LastSeenAt = Now() };

        await store.CreateAsync(customer);
        Assert.Equivalent(customer, await store.GetAsync(customer.Id), strict: true);
        customer.Name = "Carla Jones";
        Assert.True(await store.ReplaceAsync(customer));
        Assert.Equal("Carla Jones", (await store.GetAsync(customer.Id))!.Name);

        Assert.Null(await store.GetAsync(NewId()));
        var verified = new Customer { Id = NewId(), ExternalId = "site-user-" + NewId(), CreatedAt = Now(), LastSeenAt = Now() };
        await store.CreateAsync(verified);
        Assert.Equal(verified.Id, (await store.GetByExternalIdAsync(verified.ExternalId))!.Id);
        Assert.Null(await store.GetByExternalIdAsync("nobody-" + NewId()));
        Assert.False(await store.ReplaceAsync(new Customer { Id = NewId() }));
    }
}

public sealed class LiteDbCustomerStoreTests : CustomerStoreContract
{
    protected override Task<StoreHost> StartStoresAsync() => StartLiteDbAsync();
}

public sealed class MongoCustomerStoreTests : CustomerStoreContract
{
    protected override Task<StoreHost> StartStoresAsync() => StartMongoAsync();
}

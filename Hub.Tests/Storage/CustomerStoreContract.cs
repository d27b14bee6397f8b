using SupportHub.Server.Features.Customers;

namespace SupportHub.Tests.Storage;

public abstract partial class CustomerStoreContract : StoreContract
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

    [SkippableFact]
    public async Task Create_WithATakenExternalId_StoresNothing_AndReturnsTheCustomerHoldingIt()
    {
        var store = (await StoresAsync()).Customers;
        var externalId = "site-user-" + NewId();
        var first = new Customer { Id = NewId(), ExternalId = externalId, Name = "Laptop", CreatedAt = Now(), LastSeenAt = Now() };
        var second = new Customer { Id = NewId(), ExternalId = externalId, Name = "Phone", CreatedAt = Now(), LastSeenAt = Now() };

        Assert.Same(first, await store.CreateAsync(first));
        var returned = await store.CreateAsync(second);

        Assert.Equal(first.Id, returned.Id);
        Assert.Equal("Laptop", returned.Name);
        Assert.Null(await store.GetAsync(second.Id));
        Assert.Equal(first.Id, (await store.GetByExternalIdAsync(externalId))!.Id);
        Assert.Equal(first.Id, (await store.CreateAsync(new Customer { Id = first.Id, Name = "Again" })).Id); // same id: the stored one
        Assert.Equal("Laptop", (await store.GetAsync(first.Id))!.Name);
    }

    [SkippableFact]
    public async Task CustomersWithoutAnExternalId_DoNotCollide_AndAnExternalIdLikeAnotherCustomersId_Neither()
    {
        var store = (await StoresAsync()).Customers;
        var anonymous = Enumerable.Range(0, 3).Select(_ => new Customer { Id = NewId(), CreatedAt = Now(), LastSeenAt = Now() }).ToList();
        foreach (var customer in anonymous)
        {
            Assert.Equal(customer.Id, (await store.CreateAsync(customer)).Id);
        }

        // A site user whose id happens to be an anonymous customer's id is still a new customer.
        var lookalike = new Customer { Id = NewId(), ExternalId = anonymous[0].Id, CreatedAt = Now(), LastSeenAt = Now() };
        Assert.Equal(lookalike.Id, (await store.CreateAsync(lookalike)).Id);
        foreach (var customer in anonymous)
        {
            Assert.NotNull(await store.GetAsync(customer.Id));
        }

        Assert.Equal(lookalike.Id, (await store.GetByExternalIdAsync(anonymous[0].Id))!.Id);
    }

    [SkippableFact]
    public async Task TwentyConcurrentCreates_WithOneExternalId_StoreOneCustomer_AndAllGetIt()
    {
        var store = (await StoresAsync()).Customers;
        var externalId = "site-user-" + NewId();
        var attempts = Enumerable.Range(0, 20)
            .Select(i => new Customer { Id = NewId(), ExternalId = externalId, Name = "Device " + i, CreatedAt = Now(), LastSeenAt = Now() })
            .ToList();

        var returned = await Task.WhenAll(attempts.Select(c => Task.Run(() => store.CreateAsync(c))));

        var stored = new List<Customer>();
        foreach (var attempt in attempts)
        {
            if (await store.GetAsync(attempt.Id) is { } customer)
            {
                stored.Add(customer);
            }
        }

        var winner = Assert.Single(stored);
        Assert.All(returned, customer => Assert.Equal(winner.Id, customer.Id));
        Assert.Equal(winner.Id, (await store.GetByExternalIdAsync(externalId))!.Id);
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

using SupportHub.Server.Features.Customers;

namespace SupportHub.Tests.Storage;

/// <summary>Erasure and look-up of customers (docs/security.md, privacy), on every adapter.</summary>
public abstract partial class CustomerStoreContract
{
    [SkippableFact]
    public async Task Erase_ClearsThePersonalFields_MarksOnce_AndAReplaceNeverWritesThemBack()
    {
        var store = (await StoresAsync()).Customers;
        var externalId = "site-user-" + NewId();
        var customer = new Customer
        {
            Id = NewId(),
            Name = "Carla",
            Email = "carla@example.com",
            ExternalId = externalId,
            PhoneNumber = "+4917012345678",
            CreatedAt = Now(),
            LastSeenAt = Now(),
        };
        await store.CreateAsync(customer);
        var at = Now();

        Assert.True(await store.EraseAsync(customer.Id, at));

        var erased = (await store.GetAsync(customer.Id))!;
        Assert.Equal((null, null, null, null, at), (erased.Name, erased.Email, erased.ExternalId, erased.PhoneNumber, erased.ErasedAt));
        Assert.False(await store.ReplaceAsync(customer)); // the old copy, with every personal field
        Assert.Null((await store.GetAsync(customer.Id))!.Name);
        Assert.True(await store.EraseAsync(customer.Id, at.AddHours(1)));
        Assert.Equal(at, (await store.GetAsync(customer.Id))!.ErasedAt);
        Assert.False(await store.EraseAsync(NewId(), at));

        // The site user comes back: a new, empty customer, nothing of the old one.
        Assert.Null(await store.GetByExternalIdAsync(externalId));
        var again = new Customer { Id = NewId(), ExternalId = externalId, CreatedAt = Now(), LastSeenAt = Now() };
        Assert.Equal(again.Id, (await store.CreateAsync(again)).Id);
    }

    [SkippableFact]
    public async Task ReplacesRacingAnErasure_NeverLeaveAPersonalField()
    {
        var store = (await StoresAsync()).Customers;
        for (var round = 0; round < 20; round++)
        {
            var customer = new Customer { Id = NewId(), Name = "Carla", Email = "carla@example.com", CreatedAt = Now(), LastSeenAt = Now() };
            await store.CreateAsync(customer);
            var copy = new Customer { Id = customer.Id, Name = "Carla Jones", Email = "cj@example.com", CreatedAt = customer.CreatedAt, LastSeenAt = Now() };

            await Task.WhenAll(Task.Run(() => store.ReplaceAsync(copy)), Task.Run(() => store.EraseAsync(customer.Id, Now()))).WaitAsync(TimeSpan.FromSeconds(30));

            var stored = (await store.GetAsync(customer.Id))!;
            Assert.Equal((null, null), (stored.Name, stored.Email));
            Assert.NotNull(stored.ErasedAt);
        }
    }

    [SkippableFact]
    public async Task Search_FindsByEmailPhoneOrExternalId_ExactlyAsStored_OldestFirst()
    {
        var store = (await StoresAsync()).Customers;
        var tag = NewId();
        var byEmail = new Customer { Id = NewId(), Email = $"{tag}@example.com", CreatedAt = Now().AddMinutes(-3), LastSeenAt = Now() };
        var byPhone = new Customer { Id = NewId(), PhoneNumber = "+49" + tag[..8], CreatedAt = Now().AddMinutes(-2), LastSeenAt = Now() };
        var byExternal = new Customer { Id = NewId(), ExternalId = "ext-" + tag, Email = $"{tag}@example.com", CreatedAt = Now().AddMinutes(-1), LastSeenAt = Now() };
        foreach (var customer in new[] { byEmail, byPhone, byExternal })
        {
            await store.CreateAsync(customer);
        }

        Assert.Equal([byEmail.Id, byExternal.Id], (await store.SearchAsync($"{tag}@example.com", null, null, 10)).Select(c => c.Id));
        Assert.Equal([byPhone.Id], (await store.SearchAsync(null, byPhone.PhoneNumber, null, 10)).Select(c => c.Id));
        Assert.Equal([byExternal.Id], (await store.SearchAsync(null, null, "ext-" + tag, 10)).Select(c => c.Id));
        Assert.Equal([byEmail.Id, byPhone.Id, byExternal.Id], (await store.SearchAsync($"{tag}@example.com", byPhone.PhoneNumber, "ext-" + tag, 10)).Select(c => c.Id));
        Assert.Equal([byEmail.Id], (await store.SearchAsync($"{tag}@example.com", null, null, 1)).Select(c => c.Id));
        Assert.Empty(await store.SearchAsync($"{tag.ToUpperInvariant()}@EXAMPLE.COM", null, null, 10));
        Assert.Empty(await store.SearchAsync(null, null, null, 10));
    }
}

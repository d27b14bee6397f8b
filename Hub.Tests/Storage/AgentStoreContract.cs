using SupportHub.Server.Features.Agents;

namespace SupportHub.Tests.Storage;

public abstract partial class AgentStoreContract : StoreContract
{
    [SkippableFact]
    public async Task TryCreate_RefusesASecondAgentWithTheSameEmail_InAnyCase()
    {
        var store = (await StoresAsync()).Agents;
        var email = $"Ada-{NewId()}@Example.com";

        Assert.True(await store.TryCreateAsync(NewAgent(email)));
        Assert.False(await store.TryCreateAsync(NewAgent(email.ToUpperInvariant())));

        var found = await store.GetByEmailAsync(email.ToUpperInvariant());
        Assert.NotNull(found);
        Assert.Equal(email.ToLowerInvariant(), found.Email);
        Assert.Single(await store.ListAsync(), a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase));
    }

    [SkippableFact]
    public async Task Replace_RoundTripsLevelsSkillsRolesAndCapacity()
    {
        var store = (await StoresAsync()).Agents;
        var agent = NewAgent($"ben-{NewId()}@example.com");
        await store.TryCreateAsync(agent);
        agent.Levels = [2, 3];
        agent.Skills = ["database", "network"];
        agent.Roles = [AgentRole.Agent, AgentRole.Supervisor];
        agent.ChatCapacity = 5;
        agent.PhoneNumber = "+4930999888";

        Assert.True(await store.ReplaceAsync(agent));

        Assert.Equivalent(agent, await store.GetAsync(agent.Id), strict: true);
        Assert.False(await store.ReplaceAsync(NewAgent("nobody@example.com")));
    }

    [SkippableFact]
    public async Task SetPresence_KeepsTheNewestChange_AndAReplaceOfAnOlderCopyDoesNotUndoIt()
    {
        var store = (await StoresAsync()).Agents;
        var agent = NewAgent($"cy-{NewId()}@example.com");
        await store.TryCreateAsync(agent);
        var t0 = Now();

        Assert.True(await store.SetPresenceAsync(agent.Id, "Available", t0));
        Assert.False(await store.SetPresenceAsync(agent.Id, "Away", t0.AddSeconds(-1)));
        Assert.False(await store.SetPresenceAsync("nobody-" + NewId(), "Away", t0));
        var copy = (await store.GetAsync(agent.Id))!;
        Assert.Equal(("Available", t0), (copy.Presence, copy.PresenceChangedAt));

        Assert.True(await store.SetPresenceAsync(agent.Id, "Busy", t0.AddSeconds(1)));
        copy.PhoneNumber = "+4930111222";
        Assert.True(await store.ReplaceAsync(copy));

        var stored = (await store.GetAsync(agent.Id))!;
        Assert.Equal(("Busy", t0.AddSeconds(1), "+4930111222"), (stored.Presence, stored.PresenceChangedAt, stored.PhoneNumber));
    }

    /// <summary>Changes written at once, in any order, with replaces of older copies between them: the newest stays.</summary>
    [SkippableFact]
    public async Task SetPresence_ConcurrentWithOtherChangesAndReplaces_LeavesTheNewest()
    {
        var store = (await StoresAsync()).Agents;
        var t0 = Now();
        for (var round = 0; round < 20; round++)
        {
            var agent = NewAgent($"dee-{NewId()}@example.com");
            await store.TryCreateAsync(agent);
            var stale = (await store.GetAsync(agent.Id))!;
            string[] statuses = ["Available", "Busy", "Away", "Offline"];
            var changes = Enumerable.Range(0, 8).Select(i => (Status: statuses[(i + round) % 4], At: t0.AddSeconds(i))).ToList();
            var newest = changes[^1];

            await Task.WhenAll(changes.AsEnumerable().Reverse()
                .Select(c => Task.Run(() => store.SetPresenceAsync(agent.Id, c.Status, c.At)))
                .Append(Task.Run(() => store.ReplaceAsync(stale))));

            var stored = (await store.GetAsync(agent.Id))!;
            Assert.Equal((newest.Status, newest.At), (stored.Presence!, stored.PresenceChangedAt!.Value));
        }
    }

    private static Agent NewAgent(string email) => new()
    {
        Id = NewId(),
        Email = email,
        DisplayName = "Ada",
        PasswordHash = "hash",
        Levels = [1],
        Skills = ["billing"],
        CreatedAt = Now(),
    };
}

public sealed class LiteDbAgentStoreTests : AgentStoreContract
{
    protected override Task<StoreHost> StartStoresAsync() => StartLiteDbAsync();
}

public sealed class MongoAgentStoreTests : AgentStoreContract
{
    protected override Task<StoreHost> StartStoresAsync() => StartMongoAsync();
}

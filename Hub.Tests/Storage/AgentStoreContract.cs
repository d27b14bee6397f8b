using SupportHub.Server.Features.Agents;

namespace SupportHub.Tests.Storage;

public abstract class AgentStoreContract : StoreContract
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

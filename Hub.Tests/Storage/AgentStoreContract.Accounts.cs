using SupportHub.Server.Features.Agents;

namespace SupportHub.Tests.Storage;

/// <summary>The account steps: each one atomic update, so none races a replace of an older copy or itself.</summary>
public abstract partial class AgentStoreContract
{
    [SkippableFact]
    public async Task ConsumeInvitation_SetsThePasswordOnce_AndRefusesAnExpiredOrUnknownLinkOrADisabledAgent()
    {
        var store = (await StoresAsync()).Agents;
        var now = Now();
        var agent = NewAgent($"inv-{NewId()}@example.com");
        agent.PasswordHash = string.Empty;
        agent.InvitationHash = "h-" + NewId();
        agent.InvitationExpiresAt = now.AddHours(1);
        await store.TryCreateAsync(agent);

        Assert.Null(await store.ConsumeInvitationAsync("unknown-" + NewId(), now, "pw"));
        Assert.Null(await store.ConsumeInvitationAsync(agent.InvitationHash, now.AddHours(2), "pw"));
        var used = await store.ConsumeInvitationAsync(agent.InvitationHash, now, "pw-1");
        Assert.NotNull(used);
        Assert.Equal(("pw-1", (string?)null, 1), (used.PasswordHash, used.InvitationHash, used.SessionVersion));
        Assert.Null(await store.ConsumeInvitationAsync(agent.InvitationHash, now, "pw-2"));
        Assert.Equal("pw-1", (await store.GetAsync(agent.Id))!.PasswordHash);

        Assert.True(await store.ResetPasswordAsync(agent.Id, "reset-" + agent.Id, now.AddHours(1)));
        Assert.True(await store.SetDisabledAsync(agent.Id, disabled: true));
        Assert.Null(await store.ConsumeInvitationAsync("reset-" + agent.Id, now, "pw-3"));
    }

    [SkippableFact]
    public async Task ConsumeInvitation_UsedAtOnceManyTimes_ExactlyOneWins()
    {
        var store = (await StoresAsync()).Agents;
        var now = Now();
        for (var round = 0; round < 5; round++)
        {
            var agent = NewAgent($"race-{NewId()}@example.com");
            agent.InvitationHash = "race-" + NewId();
            agent.InvitationExpiresAt = now.AddHours(1);
            await store.TryCreateAsync(agent);

            var results = await Task.WhenAll(Enumerable.Range(0, 8)
                .Select(i => Task.Run(() => store.ConsumeInvitationAsync(agent.InvitationHash, now, "pw-" + i))));

            var winner = Assert.Single(results, r => r is not null)!;
            Assert.Equal(winner.PasswordHash, (await store.GetAsync(agent.Id))!.PasswordHash);
        }
    }

    [SkippableFact]
    public async Task ReplaceOfAnOlderCopy_KeepsThePasswordTheDisabledFlagTheSessionVersionAndTheLink()
    {
        var store = (await StoresAsync()).Agents;
        var agent = NewAgent($"stale-{NewId()}@example.com");
        await store.TryCreateAsync(agent);
        var stale = (await store.GetAsync(agent.Id))!;

        Assert.True(await store.ResetPasswordAsync(agent.Id, "link-" + agent.Id, Now().AddHours(1)));
        Assert.True(await store.SetDisabledAsync(agent.Id, disabled: true));
        stale.PhoneNumber = "+4930123456";
        Assert.True(await store.ReplaceAsync(stale));

        var stored = (await store.GetAsync(agent.Id))!;
        Assert.Equal((string.Empty, true, 2, "link-" + agent.Id, "+4930123456"),
            (stored.PasswordHash, stored.Disabled, stored.SessionVersion, stored.InvitationHash, stored.PhoneNumber));
    }

    [SkippableFact]
    public async Task EndSessions_AtOnceFromManyCallers_CountsEveryOne_AndDisablingCountsToo()
    {
        var store = (await StoresAsync()).Agents;
        var agent = NewAgent($"sv-{NewId()}@example.com");
        await store.TryCreateAsync(agent);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => store.EndSessionsAsync(agent.Id))));
        Assert.Equal(10, (await store.GetAsync(agent.Id))!.SessionVersion);

        Assert.True(await store.SetDisabledAsync(agent.Id, disabled: true));
        Assert.True(await store.SetDisabledAsync(agent.Id, disabled: false));
        var stored = (await store.GetAsync(agent.Id))!;
        Assert.Equal((11, false), (stored.SessionVersion, stored.Disabled));
        Assert.Null(await store.EndSessionsAsync("nobody-" + NewId()));
        Assert.False(await store.SetDisabledAsync("nobody-" + NewId(), disabled: true));
    }

    [SkippableFact]
    public async Task TrySetPasswordHash_WritesOnlyOverTheExpectedHash()
    {
        var store = (await StoresAsync()).Agents;
        var agent = NewAgent($"cas-{NewId()}@example.com");
        await store.TryCreateAsync(agent);

        var changed = await store.TrySetPasswordHashAsync(agent.Id, "hash", "new", endSessions: true);
        Assert.Equal(("new", 1), (changed!.PasswordHash, changed.SessionVersion));
        Assert.Null(await store.TrySetPasswordHashAsync(agent.Id, "hash", "older", endSessions: false));
        var rehashed = await store.TrySetPasswordHashAsync(agent.Id, "new", "rehashed", endSessions: false);
        Assert.Equal(("rehashed", 1), (rehashed!.PasswordHash, rehashed.SessionVersion));
    }

    [SkippableFact]
    public async Task UpdateProfile_SetsTheEditedFields_AndEndsSessionsWhenAsked()
    {
        var store = (await StoresAsync()).Agents;
        var agent = NewAgent($"prof-{NewId()}@example.com");
        await store.TryCreateAsync(agent);

        var change = new AgentProfileChange("Ada L.", [AgentRole.Agent, AgentRole.Admin], [2, 3], ["database"], 5, 0);
        var updated = await store.UpdateProfileAsync(agent.Id, change, endSessions: true);

        Assert.NotNull(updated);
        var stored = (await store.GetAsync(agent.Id))!;
        Assert.Equal(
            ("Ada L.", "Agent,Admin", "2,3", "database", 5, 0, 1),
            (stored.DisplayName, string.Join(',', stored.Roles), string.Join(',', stored.Levels), string.Join(',', stored.Skills), stored.ChatCapacity, stored.VoiceCapacity, stored.SessionVersion));
        Assert.Equal(1, (await store.UpdateProfileAsync(agent.Id, change, endSessions: false))!.SessionVersion);
        Assert.Null(await store.UpdateProfileAsync("nobody-" + NewId(), change, endSessions: false));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportHub.Server.Features.Agents;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Agents;

/// <summary>The admin API's rules: who may call it, what it refuses, and what it does to sessions.</summary>
public sealed class TeamAdminApiTests
{
    private static CreateAgentRequest NewAgent(string? password = null) =>
        new($"new-{Guid.NewGuid():N}@example.com", "New Agent", password, [AgentRole.Agent], [1, 2], ["billing"], 3, 1);

    [Fact]
    public async Task SupervisorsMayList_OnlyAdminsChange_AndAgentsNeither()
    {
        await using var server = HubServer.Start();
        var supervisor = new StaffHttp(server.Http, (await server.CreateAgentAsync("Sam", roles: [AgentRole.Agent, AgentRole.Supervisor])).Token);
        var agent = new StaffHttp(server.Http, (await server.CreateAgentAsync("Ada")).Token);

        var team = await supervisor.ReadAsync<List<AgentAccountDto>>(await supervisor.GetAsync("/api/admin/agents"));
        Assert.Equal(2, team.Count);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync("/api/admin/agents", NewAgent())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync($"/api/admin/agents/{team[0].Id}/disable")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/admin/agents")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new StaffHttp(server.Http, null).GetAsync("/api/admin/agents")).StatusCode);
    }

    [Fact]
    public async Task Create_RefusesATakenEmailWith409_AndBadInputWithAValidationProblem()
    {
        await using var server = HubServer.Start();
        var admin = new StaffHttp(server.Http, (await server.CreateAgentAsync("Root", roles: [AgentRole.Admin])).Token);
        var request = NewAgent("a long enough password");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/admin/agents", request)).StatusCode);

        var taken = await admin.PostAsync("/api/admin/agents", request with { Email = request.Email.ToUpperInvariant() });
        var bad = await admin.PostAsync("/api/admin/agents", request with { Email = "not-an-email", Password = "short", Levels = [], ChatCapacity = -1 });

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("conflict", (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.All(["email", "password", "levels", "chatCapacity"], field => Assert.True(errors.TryGetProperty(field, out _), field));
    }

    [Fact]
    public async Task TheLastAdmin_CannotDisableOrDemoteThemself_ButCanOnceAnotherAdminExists()
    {
        await using var server = HubServer.Start();
        var root = await server.CreateAgentAsync("Root", roles: [AgentRole.Agent, AgentRole.Admin]);
        var admin = new StaffHttp(server.Http, root.Token);
        var demote = new UpdateAgentRequest("Root", [AgentRole.Agent], [1], [], 3, 1);

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/admin/agents/{root.Agent.Id}/disable")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsync($"/api/admin/agents/{root.Agent.Id}", demote)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/auth/me")).StatusCode);

        await admin.ReadAsync<CreatedAgent>(await admin.PostAsync("/api/admin/agents", NewAgent("a long enough password") with { Roles = [AgentRole.Admin] }));
        var demoted = await admin.ReadAsync<AgentAccountDto>(await admin.PutAsync($"/api/admin/agents/{root.Agent.Id}", demote));
        Assert.Equal([AgentRole.Agent], demoted.Roles);
        // Its token carried the admin role: the role change ended the session.
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Update_SetsLevelsSkillsAndCapacity_AndKeepsTheSessionWhenTheRolesStay()
    {
        await using var server = HubServer.Start();
        var admin = new StaffHttp(server.Http, (await server.CreateAgentAsync("Root", roles: [AgentRole.Admin])).Token);
        var ada = await server.CreateAgentAsync("Ada");

        var updated = await admin.ReadAsync<AgentAccountDto>(
            await admin.PutAsync($"/api/admin/agents/{ada.Agent.Id}", new UpdateAgentRequest("Ada L.", [AgentRole.Agent], [2, 3], ["database"], 5, 0)));

        Assert.Equal(("Ada L.", "2,3", "database", 5, 0), (updated.DisplayName, string.Join(',', updated.Levels), string.Join(',', updated.Skills), updated.ChatCapacity, updated.VoiceCapacity));
        var me = await new StaffHttp(server.Http, ada.Token).ReadAsync<AgentProfile>(await new StaffHttp(server.Http, ada.Token).GetAsync("/api/auth/me"));
        Assert.Equal([2, 3], me.Levels);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsync("/api/admin/agents/nobody", new UpdateAgentRequest("X", [AgentRole.Agent], [1], [], 1, 1))).StatusCode);
    }

    [Fact]
    public async Task PasswordReset_EndsSessions_StopsTheOldPassword_AndItsLinkSetsANewOneOnce()
    {
        await using var server = HubServer.Start();
        var admin = new StaffHttp(server.Http, (await server.CreateAgentAsync("Root", roles: [AgentRole.Admin])).Token);
        var ada = await server.CreateAgentAsync("Ada");
        var anonymous = new StaffHttp(server.Http, null);

        var link = await admin.ReadAsync<PasswordLink>(await admin.PostAsync($"/api/admin/agents/{ada.Agent.Id}/password-reset"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await new StaffHttp(server.Http, ada.Token).GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/auth/login", new LoginRequest(ada.Agent.Email, TestAgents.Password))).StatusCode);
        var shortPassword = await anonymous.PostAsync($"/api/auth/invitations/{link.Token}", new AcceptInvitationRequest("short"));
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        await anonymous.ReadAsync<LoginResult>(await anonymous.PostAsync($"/api/auth/invitations/{link.Token}", new AcceptInvitationRequest("a brand new password")));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync($"/api/auth/invitations/{link.Token}", new AcceptInvitationRequest("yet another password"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync("/api/auth/login", new LoginRequest(ada.Agent.Email, "a brand new password"))).StatusCode);
    }

    [Fact]
    public async Task AnExpiredLink_IsRefused()
    {
        await using var server = HubServer.Start(settings: new Dictionary<string, string?> { ["Hub:Accounts:InvitationLifetime"] = "00:05:00" });
        var admin = new StaffHttp(server.Http, (await server.CreateAgentAsync("Root", roles: [AgentRole.Admin])).Token);
        var created = await admin.ReadAsync<CreatedAgent>(await admin.PostAsync("/api/admin/agents", NewAgent()));
        var store = server.Service<IAgentStore>();
        // Moves the link's expiry into the past the way time would: a reset with a past expiry.
        Assert.True(await store.ResetPasswordAsync(created.Agent.Id, InvitationTokens.Hash(created.Link!.Token), DateTimeOffset.UtcNow.AddSeconds(-1)));

        var refused = await new StaffHttp(server.Http, null).PostAsync($"/api/auth/invitations/{created.Link.Token}", new AcceptInvitationRequest("a long enough password"));

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_NeedsTheCurrentOne_EndsOtherSessions_AndGivesThisDeviceANewToken()
    {
        await using var server = HubServer.Start();
        var ada = await server.CreateAgentAsync("Ada");
        var other = await server.ConnectAgentAsync(ada.Token);
        var closed = TeamLifecycleTests.Closed(other.Connection);
        var http = new StaffHttp(server.Http, ada.Token);

        Assert.Equal(HttpStatusCode.Forbidden, (await http.PutAsync("/api/auth/me/password", new ChangePasswordRequest("wrong password", "a brand new password"))).StatusCode);
        var changed = await http.ReadAsync<LoginResult>(await http.PutAsync("/api/auth/me/password", new ChangePasswordRequest(TestAgents.Password, "a brand new password")));

        await closed.WaitAsync(HubServer.Timeout);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await new StaffHttp(server.Http, changed.Token).GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await new StaffHttp(server.Http, null).PostAsync("/api/auth/login", new LoginRequest(ada.Agent.Email, "a brand new password"))).StatusCode);
    }
}

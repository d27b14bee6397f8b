using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Audit;
using SupportHub.Server.Features.Chat;
using SupportHub.Tests.Agents;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Audit;

/// <summary>
/// The rest of acceptance 6's audit list: account and role changes, password resets, logout, exports,
/// erasures and a flood purge, each done through the real endpoints and hub, are in the log.
/// </summary>
public sealed class AdminAuditTests
{
    [Fact]
    public async Task AccountChanges_AreRecorded_OnTheAccount_WithTheAdminWhoMadeThem()
    {
        await using var server = HubServer.Start();
        var root = await server.CreateAgentAsync("Root", roles: [AgentRole.Agent, AgentRole.Admin]);
        var admin = new StaffHttp(server.Http, root.Token);

        var created = await admin.ReadAsync<CreatedAgent>(await admin.PostAsync("/api/admin/agents",
            new CreateAgentRequest("nina@example.com", "Nina", null, [AgentRole.Agent], [1], ["billing"], 3, 1)));
        var id = created.Agent.Id;
        await admin.ReadAsync<AgentAccountDto>(await admin.PutAsync($"/api/admin/agents/{id}",
            new UpdateAgentRequest("Nina", [AgentRole.Agent, AgentRole.Supervisor], [1, 2], ["billing"], 3, 1)));
        await admin.ReadAsync<AgentAccountDto>(await admin.PutAsync($"/api/admin/agents/{id}",
            new UpdateAgentRequest("Nina B.", [AgentRole.Agent, AgentRole.Supervisor], [1, 2], ["billing"], 4, 1)));
        await admin.ReadAsync<AgentAccountDto>(await admin.PostAsync($"/api/admin/agents/{id}/disable"));
        await admin.ReadAsync<AgentAccountDto>(await admin.PostAsync($"/api/admin/agents/{id}/enable"));
        await admin.ReadAsync<PasswordLink>(await admin.PostAsync($"/api/admin/agents/{id}/password-reset"));

        var entries = await AuditApi.EntriesAsync(server, root.Token, $"?targetType={AuditTargets.Agent}&targetId={id}");
        Assert.Equal(
            [AuditActions.AgentCreated, AuditActions.RolesChanged, AuditActions.AgentChanged, AuditActions.AgentDisabled, AuditActions.AgentEnabled, AuditActions.PasswordChanged],
            entries.Select(e => e.Action).Reverse());
        Assert.All(entries, e => Assert.Equal((root.Agent.Id, AuditActorKind.Agent), (e.ActorId, e.ActorKind)));
        Assert.Contains("Agent -> Agent+Supervisor", entries.Single(e => e.Action == AuditActions.RolesChanged).Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_IsRecorded_OnTheAgentWhoLoggedOut()
    {
        await using var server = HubServer.Start();
        var supervisor = await server.CreateAgentAsync("Sam", roles: [AgentRole.Agent, AgentRole.Supervisor]);
        var ada = await server.CreateAgentAsync("Ada");

        Assert.True((await new StaffHttp(server.Http, ada.Token).PostAsync("/api/auth/logout")).IsSuccessStatusCode);

        var entry = Assert.Single(await AuditApi.EntriesAsync(server, supervisor.Token, $"?action={AuditActions.SessionsRevoked}"));
        Assert.Equal((ada.Agent.Id, ada.Agent.Id), (entry.ActorId, entry.TargetId));
    }

    [Fact]
    public async Task ExportAndErasure_AreRecorded_OnTheCustomer()
    {
        await using var server = HubServer.Start();
        var root = await server.CreateAgentAsync("Root", roles: [AgentRole.Agent, AgentRole.Admin]);
        var admin = new StaffHttp(server.Http, root.Token);
        var visitor = await server.CreateVisitorAsync();

        Assert.True((await admin.GetAsync($"/api/admin/customers/{visitor.CustomerId}/export")).IsSuccessStatusCode);
        Assert.True((await admin.PostAsync($"/api/admin/customers/{visitor.CustomerId}/erase")).IsSuccessStatusCode);

        var entries = await AuditApi.EntriesAsync(server, root.Token, $"?targetType={AuditTargets.Customer}&targetId={visitor.CustomerId}");
        Assert.Equal([AuditActions.CustomerExported, AuditActions.CustomerErased], entries.Select(e => e.Action).Reverse());
        Assert.All(entries, e => Assert.Equal(root.Agent.Id, e.ActorId));
    }

    [Fact]
    public async Task AFloodPurge_IsRecorded_WithTheAddress()
    {
        await using var server = HubServer.Start();
        var supervisor = await server.CreateAgentAsync("Sam", roles: [AgentRole.Agent, AgentRole.Supervisor]);
        var console = await server.ConnectAgentAsync(supervisor.Token);

        await console.Connection.InvokeAsync<PurgeFloodResult>(nameof(AgentHub.PurgeFlood), new PurgeFloodRequest("192.0.2.7")).WaitAsync(HubServer.Timeout);

        var entry = Assert.Single(await AuditApi.EntriesAsync(server, supervisor.Token, $"?action={AuditActions.FloodPurged}"));
        Assert.Equal(supervisor.Agent.Id, entry.ActorId);
        Assert.Contains("192.0.2.7", entry.Details, StringComparison.Ordinal);
    }
}

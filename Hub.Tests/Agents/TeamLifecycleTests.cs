using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Agents;

/// <summary>
/// Issue 12, acceptance 1: an agent created through the admin API signs in, works a chat, is disabled,
/// and its open console connection is closed at once; its token is refused on HTTP and the hubs.
/// </summary>
public sealed class TeamLifecycleTests
{
    internal static readonly Dictionary<string, string?> FastRouting = new()
    {
        ["Hub:Routing:SweepInterval"] = "00:00:00.100",
        ["Hub:Routing:Topics:billing"] = "billing",
    };

    [Fact]
    public async Task AFirstLevelAgentCreatedByAnAdmin_WorksAChat_AndDisablingItClosesItsConnectionAtOnce()
    {
        await using var server = HubServer.Start(settings: FastRouting);
        var admin = new StaffHttp(server.Http, (await server.CreateAgentAsync("Root", [1], [AgentRole.Agent, AgentRole.Admin])).Token);

        var created = await admin.ReadAsync<CreatedAgent>(await admin.PostAsync("/api/admin/agents", new CreateAgentRequest(
            $"ada-{Guid.NewGuid():N}@example.com", "Ada", null, [AgentRole.Agent], [1], ["billing"], 2, 0)));
        Assert.Equal((1, false, 2), (Assert.Single(created.Agent.Levels), created.Agent.PasswordSet, created.Agent.ChatCapacity));
        Assert.StartsWith(InvitationTokens.ConsolePath, created.Link!.Path, StringComparison.Ordinal);
        var anonymous = new StaffHttp(server.Http, null);
        var signedIn = await anonymous.ReadAsync<LoginResult>(
            await anonymous.PostAsync($"/api/auth/invitations/{created.Link.Token}", new AcceptInvitationRequest("ada's own long password")));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync($"/api/auth/invitations/{created.Link.Token}", new AcceptInvitationRequest("a second long password"))).StatusCode);
        var login = await anonymous.ReadAsync<LoginResult>(await anonymous.PostAsync("/api/auth/login", new LoginRequest(created.Agent.Email, "ada's own long password")));
        Assert.Equal(signedIn.Agent.Id, login.Agent.Id);

        var agent = await server.ConnectAgentAsync(login.Token);
        var closed = Closed(agent.Connection);
        await agent.SetPresenceAsync(PresenceStatus.Available);
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var started = await customer.StartAsync("My invoice is wrong");
        await agent.Offers.WaitForAsync(o => o.ConversationId == started.ConversationId);
        await agent.AcceptAsync(started.ConversationId);
        var reply = await agent.SendAsync(started.ConversationId, "Let me look at it.");
        await customer.Messages.WaitForAsync(m => m.Seq == reply.Seq && m.Text == "Let me look at it.");

        var disabled = await admin.ReadAsync<AgentAccountDto>(await admin.PostAsync($"/api/admin/agents/{login.Agent.Id}/disable"));

        Assert.True(disabled.Disabled);
        await closed.WaitAsync(HubServer.Timeout);
        await AssertRefusedAsync(server, login.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/auth/login", new LoginRequest(created.Agent.Email, "ada's own long password"))).StatusCode);
        // Offline at once, as after a logout: the customer's chat goes back to the queue.
        await customer.Changes.WaitForAsync(c => c.Id == started.ConversationId && c.Status == ConversationStatus.Waiting);

        await admin.ReadAsync<AgentAccountDto>(await admin.PostAsync($"/api/admin/agents/{login.Agent.Id}/enable"));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync("/api/auth/login", new LoginRequest(created.Agent.Email, "ada's own long password"))).StatusCode);
        await AssertRefusedAsync(server, login.Token);
    }

    [Fact]
    public async Task Logout_RefusesTheTokenOnHttpAndHubs_AndClosesEveryOpenConnectionOfTheAgent()
    {
        await using var server = HubServer.Start();
        var login = await server.CreateAgentAsync("Ben");
        var first = await server.ConnectAgentAsync(login.Token);
        var second = await server.ConnectAgentAsync(login.Token);
        var closed = Task.WhenAll(Closed(first.Connection), Closed(second.Connection));

        Assert.Equal(HttpStatusCode.NoContent, (await new StaffHttp(server.Http, login.Token).PostAsync("/api/auth/logout")).StatusCode);

        await closed.WaitAsync(HubServer.Timeout);
        await AssertRefusedAsync(server, login.Token);
        var again = await server.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(login.Agent.Email, TestAgents.Password), HubServer.Json);
        var fresh = (await again.Content.ReadFromJsonAsync<LoginResult>(HubServer.Json))!;
        Assert.Equal(HttpStatusCode.OK, (await new StaffHttp(server.Http, fresh.Token).GetAsync("/api/auth/me")).StatusCode);
    }

    /// <summary>
    /// Without the signal (a node that missed it), the session check of the hub call itself refuses the
    /// ended session and closes the connection, once its short copy of the account is older than CacheFor.
    /// </summary>
    [Fact]
    public async Task AHubCall_WithASessionEndedInTheStoreOnly_IsRefused_AndItsConnectionClosed()
    {
        await using var server = HubServer.Start();
        var login = await server.CreateAgentAsync("Cy");
        var agent = await server.ConnectAgentAsync(login.Token);
        var closed = Closed(agent.Connection);

        Assert.Equal(1, await server.Service<IAgentStore>().EndSessionsAsync(login.Agent.Id));
        await Task.Delay(SessionValidator.CacheFor + TimeSpan.FromMilliseconds(200));

        // The connection is closed before an answer could be sent: the call fails with it.
        await Assert.ThrowsAnyAsync<Exception>(() => agent.GetPresenceAsync());
        await closed.WaitAsync(HubServer.Timeout);
    }

    [Fact]
    public async Task AnExpiredToken_IsRefusedOnHttpAndHubs_AndItsOpenConnectionsAreClosed()
    {
        await using var server = HubServer.Start(settings: new Dictionary<string, string?>
        {
            ["Hub:Auth:AgentTokenLifetime"] = "00:00:03",
            ["Hub:Auth:VisitorTokenLifetime"] = "00:00:03",
            ["Hub:Auth:ClockSkew"] = "00:00:00",
        });
        var login = await server.CreateAgentAsync("Dee");
        var visitor = await server.CreateVisitorAsync();
        var agent = await server.ConnectAgentAsync(login.Token);
        var customer = await server.ConnectCustomerAsync(visitor.Token);

        await Task.WhenAll(Closed(agent.Connection), Closed(customer.Connection)).WaitAsync(HubServer.Timeout);

        Assert.True(DateTimeOffset.UtcNow >= login.ExpiresAt);
        await AssertRefusedAsync(server, login.Token);
        await Assert.ThrowsAnyAsync<Exception>(() => server.ConnectAsync(ChatExtensions.CustomerHubPath, visitor.Token));
    }

    internal static Task Closed(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    internal static async Task AssertRefusedAsync(HubServer server, string token)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await new StaffHttp(server.Http, token).GetAsync("/api/auth/me")).StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => server.ConnectAsync(ChatExtensions.AgentHubPath, token));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SupportHub.Server.Features.Agents;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Agents;

public sealed class IdentityTests
{
    [Fact]
    public async Task Development_SeedsOneDemoAgentPerLevelAndASupervisor_ThatCanLogIn()
    {
        await using var server = HubServer.Start(environment: "Development");
        var password = server.Service<Microsoft.Extensions.Options.IOptions<DemoOptions>>().Value.Password;

        var agents = await server.Service<IAgentStore>().ListAsync();

        Assert.Equal([1, 2, 3], agents.Where(a => !a.Roles.Contains(AgentRole.Supervisor)).SelectMany(a => a.Levels).Order());
        Assert.Contains(agents, a => a.Roles.Contains(AgentRole.Supervisor));
        foreach (var agent in agents)
        {
            Assert.NotEqual(password, agent.PasswordHash);
            var response = await server.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(agent.Email, password), HubServer.Json);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task OutsideDevelopment_NoDefaultAccountExists_AndCreateAdminMakesTheFirstOne()
    {
        await using var server = HubServer.Start(environment: "Production", settings: new Dictionary<string, string?> { ["Hub:Demo:SeedAgents"] = "true" });
        Assert.Empty(await server.Service<IAgentStore>().ListAsync());
        var demo = DemoAgentSeeder.DemoAgents[0].Email;
        var refused = await server.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(demo, new DemoOptions().Password), HubServer.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var output = new StringWriter();
        var tooShort = await CreateAdminCommand.RunAsync(server.Services, ["--email", "root@example.com"], new StringReader("short\n"), output);
        Assert.Equal(2, tooShort);
        var exit = await CreateAdminCommand.RunAsync(server.Services, ["--email", "Root@Example.com", "--name", "Root"], new StringReader("a long admin password\n"), output);
        Assert.Equal(0, exit);
        var again = await CreateAdminCommand.RunAsync(server.Services, ["--email", "root@example.com"], new StringReader("a long admin password\n"), output);
        Assert.Equal(1, again);

        var login = await server.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest("root@example.com", "a long admin password"), HubServer.Json);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var result = (await login.Content.ReadFromJsonAsync<LoginResult>(HubServer.Json))!;
        Assert.Equal([AgentRole.Agent, AgentRole.Supervisor, AgentRole.Admin], result.Agent.Roles);
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", result.Token);
        var profile = await server.Http.SendAsync(me);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task CustomerToken_CannotReadTickets()
    {
        await using var server = HubServer.Start();
        var visitor = await server.CreateVisitorAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tickets/1001");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", visitor.Token);

        var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Health_Answers_WithTheEmbeddedStore()
    {
        await using var server = HubServer.Start();

        var health = await server.Http.GetFromJsonAsync<Dictionary<string, string>>("/health");

        Assert.Equal("ok", health!["status"]);
        Assert.Equal("litedb", health["documentStore"]);
    }

    [Fact]
    public async Task Root_ServesTheDemoPage_ThatTalksToBothHubs_InDevelopment()
    {
        // The demo page is Development's front page; elsewhere "/" is a landing page (DemoAccountTests).
        await using var server = HubServer.Start(environment: "Development");

        var response = await server.Http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"/hubs/customer\"", html, StringComparison.Ordinal);
        Assert.Contains("\"/hubs/agent\"", html, StringComparison.Ordinal);
        Assert.Contains("\"/api/visitors\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ASigningKeyShorterThan32Characters_FailsStartUp_NamingTheSetting()
    {
        var error = Assert.ThrowsAny<Exception>(() =>
            HubServer.Start(settings: new Dictionary<string, string?> { ["Hub:Auth:SigningKey"] = "too-short" }));

        Assert.Contains("Hub:Auth:SigningKey", error.ToString(), StringComparison.Ordinal);
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Infrastructure.Auth;
using SupportHub.Tests.Errors;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Agents;

/// <summary>Issue 12, acceptance 4: demo accounts stay in Development, and so does the demo front page.</summary>
public sealed class DemoAccountTests
{
    [Fact]
    public async Task DemoAgentsSeededInDevelopment_CannotSignInAfterARestartInProduction_AndTheirTokensAreRefused()
    {
        var dataPath = HubServer.NewDataPath();
        try
        {
            string demoToken;
            var demo = DemoAgentSeeder.DemoAgents.Single(a => a.Roles.Contains(AgentRole.Supervisor)).Email;
            var password = new DemoOptions().Password;
            await using (var development = HubServer.Start(dataPath, environment: "Development", settings: new Dictionary<string, string?> { ["Hub:Demo:SeedAgents"] = "true" }))
            {
                var login = await development.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(demo, password), HubServer.Json);
                Assert.Equal(HttpStatusCode.OK, login.StatusCode);
                demoToken = (await login.Content.ReadFromJsonAsync<LoginResult>(HubServer.Json))!.Token;
            }

            var logs = new ConcurrentQueue<LogEntry>();
            await using var production = HubServer.Start(dataPath, environment: "Production",
                services: s => s.AddSingleton<ILoggerProvider>(new CollectingLoggerProvider(logs)));
            Assert.NotNull(await production.Service<IAgentStore>().GetByEmailAsync(demo));

            var refused = await production.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(demo, password), HubServer.Json);

            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains(logs, l => l.Level == LogLevel.Warning && l.Message.Contains($"Refused demo account {demo}", StringComparison.Ordinal));
            await TeamLifecycleTests.AssertRefusedAsync(production, demoToken);
            var fresh = production.Service<TokenService>().IssueAgentToken((await production.Service<IAgentStore>().GetByEmailAsync(demo))!);
            await TeamLifecycleTests.AssertRefusedAsync(production, fresh.Token);
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    public async Task TheProductionFrontPage_IsAPlainLandingPage_WithoutCredentials(string path)
    {
        await using var server = HubServer.Start(environment: "Production");

        var response = await server.Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("href=\"/console/\"", html, StringComparison.Ordinal);
        foreach (var secret in DemoAgentSeeder.DemoAgents.Select(a => a.Email).Append(new DemoOptions().Password).Append("password"))
        {
            Assert.DoesNotContain(secret, html, StringComparison.OrdinalIgnoreCase);
        }
    }
}

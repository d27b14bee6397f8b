using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SupportHub.Server.Features.Agents;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Limits;

/// <summary>Sign-in limits with the production defaults (docs/security.md#limits).</summary>
public sealed class SignInLimitTests
{
    [Fact]
    public async Task SixthWrongPassword_FromOneAddress_Gets429WithRetryAfter_WhileTheRightPasswordFromAnotherAddressWorks()
    {
        await using var server = HubServer.Start();
        var agent = TestAgents.New("Ada");
        Assert.NotNull(await server.Service<AgentAccounts>().CreateAsync(agent));

        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(server.Http, agent.Email, "wrong-password")).StatusCode);
        }

        var sixth = await LoginAsync(server.Http, agent.Email, "wrong-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        var retryAfter = int.Parse(Assert.Single(sixth.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 300);
        var problem = await sixth.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
        Assert.Equal(retryAfter, problem.GetProperty("retryAfter").GetInt32());
        // Locked at this address: the right password is not even checked here...
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(server.Http, agent.Email, agent.Password)).StatusCode);

        // ...but the agent at another address signs in.
        using var office = FromAddress.Http(server.BaseAddress, IPAddress.Parse("127.0.0.2"));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(office, agent.Email, agent.Password)).StatusCode);
    }

    [Fact]
    public async Task FailuresAcrossManyAccounts_FromOneAddress_AreRefusedOnceTheAddressLimitIsUsedUp()
    {
        await using var server = HubServer.Start(settings: new Dictionary<string, string?>
        {
            ["Hub:Limits:SignInFailuresPerAddress:PermitLimit"] = "4",
            ["Hub:Limits:SignInFailuresPerAddress:Window"] = "00:10:00",
        });
        var agent = TestAgents.New("Ada");
        Assert.NotNull(await server.Service<AgentAccounts>().CreateAsync(agent));

        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(server.Http, $"nobody-{i}@example.com", "guess")).StatusCode);
        }

        var refused = await LoginAsync(server.Http, agent.Email, agent.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task UnknownAndDisabledAccounts_DoTheSameHashingWork_AsAKnownOne()
    {
        var hasher = new CountingHasher();
        await using var server = HubServer.Start(services: s => s.AddSingleton<IPasswordHasher<Agent>>(hasher));
        var agent = TestAgents.New("Ada");
        Assert.NotNull(await server.Service<AgentAccounts>().CreateAsync(agent));
        var disabled = TestAgents.New("Dan");
        var stored = await server.Service<AgentAccounts>().CreateAsync(disabled);
        Assert.True(await server.Service<IAgentStore>().SetDisabledAsync(stored!.Id, disabled: true));

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(server.Http, agent.Email, "wrong-password")).StatusCode);
        var known = Assert.Single(hasher.TakeVerified());
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(server.Http, "nobody@example.com", "wrong-password")).StatusCode);
        var unknown = Assert.Single(hasher.TakeVerified());
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(server.Http, disabled.Email, disabled.Password)).StatusCode);
        var ofDisabled = Assert.Single(hasher.TakeVerified());

        // Same format, algorithm and iteration count: the first 13 bytes of an ASP.NET Core v3 hash.
        Assert.Equal(Header(known), Header(unknown));
        Assert.Equal(Header(known), Header(ofDisabled));
        Assert.NotEqual(known, unknown);
    }

    private static string Header(string hash) => Convert.ToHexString(Convert.FromBase64String(hash).AsSpan(0, 13));

    private static Task<HttpResponseMessage> LoginAsync(HttpClient http, string email, string password) =>
        http.PostAsJsonAsync("/api/auth/login", new LoginRequest(email, password), HubServer.Json);

    /// <summary>The real hasher, recording every hash a password was verified against.</summary>
    private sealed class CountingHasher : IPasswordHasher<Agent>
    {
        private readonly PasswordHasher<Agent> inner = new();
        private readonly List<string> verified = [];
        private readonly Lock gate = new();

        public string HashPassword(Agent user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(Agent user, string hashedPassword, string providedPassword)
        {
            lock (gate)
            {
                verified.Add(hashedPassword);
            }

            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }

        public List<string> TakeVerified()
        {
            lock (gate)
            {
                var taken = verified.ToList();
                verified.Clear();
                return taken;
            }
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using SupportHub.Server.Features.Customers;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Customers;

/// <summary>The identity JWT of docs/security.md#widget-identity: signed users, signed attributes, refusals.</summary>
public sealed class IdentityTokenTests
{
    // 64+ bytes, so that HS512 with it would verify if the algorithm were not pinned.
    private const string Secret = "the-site-secret-for-identity-tokens-0123456789-abcdefghijklmnopqrstuv";

    private static Dictionary<string, string?> WithSecret(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Hub:Identity:Secret"] = Secret };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task ASignedUser_GetsOneCustomer_WithTheSignedNameAndEmailVerified_WhateverTheBodySays()
    {
        await using var server = HubServer.Start(settings: WithSecret());
        var token = IdentityTokens.Sign(Secret, "shop-user-1", "Carla Signed", "carla@shop.example");

        var first = await CreateAsync(server, new CreateVisitorRequest("Mallory", "mallory@evil.example", IdentityToken: token));
        var again = await CreateAsync(server, new CreateVisitorRequest(null, null, IdentityToken: IdentityTokens.Sign(Secret, "shop-user-1", "Carla Renamed")));

        Assert.Equal(first.CustomerId, again.CustomerId);
        var customer = await GetCustomerAsync(server, first.CustomerId);
        Assert.Equal(("Carla Renamed", "carla@shop.example", true, true, true), (customer.Name, customer.Email, customer.Verified, customer.NameVerified, customer.EmailVerified));
    }

    [Fact]
    public async Task AVisitorTypingAnotherNameAndEmail_CannotReplaceTheSignedOnes()
    {
        await using var server = HubServer.Start(settings: WithSecret());
        var agent = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada", [1])).Token);
        await agent.SetPresenceAsync(SupportHub.Server.Features.Routing.PresenceStatus.Available);
        var session = await CreateAsync(server, new CreateVisitorRequest(null, null, IdentityToken: IdentityTokens.Sign(Secret, "shop-user-2", "Carla Signed", "carla@shop.example")));
        var visitor = await server.ConnectCustomerAsync(session.Token);

        await visitor.StartAsync("Hello", name: "Mallory", email: "mallory@evil.example");

        var offer = await agent.Offers.WaitForAsync(_ => true);
        Assert.Equal("Carla Signed", offer.CustomerName);
        var customer = await GetCustomerAsync(server, session.CustomerId);
        Assert.Equal(("Carla Signed", "carla@shop.example", true, true), (customer.Name, customer.Email, customer.NameVerified, customer.EmailVerified));
    }

    [Fact]
    public async Task AnUnsignedAttribute_IsTakenFromWhatTheVisitorTypes_AsUnverified()
    {
        await using var server = HubServer.Start(settings: WithSecret());
        var session = await CreateAsync(server, new CreateVisitorRequest(null, null, IdentityToken: IdentityTokens.Sign(Secret, "shop-user-3", name: "Carla Signed")));
        var visitor = await server.ConnectCustomerAsync(session.Token);

        await visitor.StartAsync("Hello", name: "Someone Else", email: "typed@example.com");

        var customer = await GetCustomerAsync(server, session.CustomerId);
        Assert.Equal(("Carla Signed", true, "typed@example.com", false), (customer.Name, customer.NameVerified, customer.Email, customer.EmailVerified));
    }

    [Fact]
    public async Task ForgedExpiredUnsignedOrOverlongTokens_AreRefused_WithTheDocumentedCode_AndCreateNothing()
    {
        await using var server = HubServer.Start(settings: WithSecret());
        var refusals = new Dictionary<string, string>
        {
            [IdentityTokens.Sign("another-secret-that-is-long-enough-0123", "victim")] = IdentityErrors.Invalid,
            [IdentityTokens.Sign(Secret, "victim", issuedAt: DateTime.UtcNow.AddHours(-2), lifetime: TimeSpan.FromMinutes(30))] = IdentityErrors.Expired,
            [IdentityTokens.Unsigned("victim")] = IdentityErrors.Invalid,
            [IdentityTokens.WithoutExpiry(Secret, "victim")] = IdentityErrors.Invalid,
            [IdentityTokens.Sign(Secret, "victim", lifetime: TimeSpan.FromDays(30))] = IdentityErrors.Invalid,
            [IdentityTokens.Hs512(Secret, "victim")] = IdentityErrors.Invalid,
            ["not-a-jwt"] = IdentityErrors.Invalid,
        };

        foreach (var (token, code) in refusals)
        {
            var response = await server.Http.PostAsJsonAsync("/api/visitors", new CreateVisitorRequest(null, null, IdentityToken: token), HubServer.Json);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(code, await CodeOfAsync(response));
        }

        Assert.Null(await server.Service<ICustomerStore>().GetByExternalIdAsync("victim"));
    }

    [Theory]
    [InlineData("RSA")]
    [InlineData("EC")]
    public async Task TheSitesPublicKey_AcceptsItsOwnAlgorithmOnly(string kind)
    {
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (privateKey, algorithm, pem) = kind == "RSA"
            ? ((SecurityKey)new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256, rsa.ExportSubjectPublicKeyInfoPem())
            : (new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256, ec.ExportSubjectPublicKeyInfoPem());
        await using var server = HubServer.Start(settings: new Dictionary<string, string?> { ["Hub:Identity:PublicKey"] = pem });

        var signed = await server.Http.PostAsJsonAsync("/api/visitors", new CreateVisitorRequest(null, null, IdentityToken: IdentityTokens.Sign(privateKey, algorithm, "key-user")), HubServer.Json);
        // The classic confusion: HS256 with the public key's text as the secret.
        var confused = await server.Http.PostAsJsonAsync("/api/visitors", new CreateVisitorRequest(null, null, IdentityToken: IdentityTokens.Sign(pem, "key-user")), HubServer.Json);
        var otherAlgorithm = await server.Http.PostAsJsonAsync(
            "/api/visitors",
            new CreateVisitorRequest(null, null, IdentityToken: IdentityTokens.Sign(privateKey, kind == "RSA" ? SecurityAlgorithms.RsaSsaPssSha256 : SecurityAlgorithms.EcdsaSha384, "key-user")),
            HubServer.Json);

        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, IdentityErrors.Invalid), (confused.StatusCode, await CodeOfAsync(confused)));
        Assert.Equal((HttpStatusCode.Unauthorized, IdentityErrors.Invalid), (otherAlgorithm.StatusCode, await CodeOfAsync(otherAlgorithm)));
    }

    [Fact]
    public async Task TheLegacyHash_IsRefusedUnlessAllowed()
    {
        var hash = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("legacy-user")));
        var request = new CreateVisitorRequest(null, null, "legacy-user", hash);
        await using (var strict = HubServer.Start(settings: WithSecret()))
        {
            var refused = await strict.Http.PostAsJsonAsync("/api/visitors", request, HubServer.Json);
            Assert.Equal((HttpStatusCode.Unauthorized, IdentityErrors.NotConfigured), (refused.StatusCode, await CodeOfAsync(refused)));
            Assert.Contains("Hub:Identity:AllowLegacyHmac", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using var legacy = HubServer.Start(settings: WithSecret(("Hub:Identity:AllowLegacyHmac", "true")));
        var session = await CreateAsync(legacy, request);
        var customer = await GetCustomerAsync(legacy, session.CustomerId);
        Assert.Equal((true, false, false), (customer.Verified, customer.NameVerified, customer.EmailVerified));
    }

    [Fact]
    public void AShortSecretOrAPrivateKey_FailsStartUp_NamingTheSetting()
    {
        var shortSecret = Assert.ThrowsAny<Exception>(() => HubServer.Start(settings: new Dictionary<string, string?> { ["Hub:Identity:Secret"] = "too-short" }));
        using var rsa = RSA.Create(2048);
        var privateKey = Assert.ThrowsAny<Exception>(() => HubServer.Start(settings: new Dictionary<string, string?> { ["Hub:Identity:PublicKey"] = rsa.ExportPkcs8PrivateKeyPem() }));

        Assert.Contains("Hub:Identity:Secret", shortSecret.ToString(), StringComparison.Ordinal);
        Assert.Contains("Hub:Identity:PublicKey", privateKey.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string?> CodeOfAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    private static async Task<VisitorSession> CreateAsync(HubServer server, CreateVisitorRequest request)
    {
        var response = await server.Http.PostAsJsonAsync("/api/visitors", request, HubServer.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<VisitorSession>(HubServer.Json))!;
    }

    private static async Task<CustomerDto> GetCustomerAsync(HubServer server, string id)
    {
        var staff = await server.CreateAgentAsync("Sue");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/customers/{id}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", staff.Token);
        return (await (await server.Http.SendAsync(request)).Content.ReadFromJsonAsync<CustomerDto>(HubServer.Json))!;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using SupportHub.Server.Features.Customers;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Customers;

public sealed class IdentityVerificationTests
{
    private const string Secret = "site-secret-for-identity-verification";

    private static string Hash(string userId, string secret = Secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(userId)));

    [Fact]
    public async Task AVerifiedSiteUser_GetsTheSameCustomerOnEveryDevice()
    {
        await using var server = HubServer.Start(settings: new Dictionary<string, string?> { ["Hub:Identity:Secret"] = Secret, ["Hub:Identity:AllowLegacyHmac"] = "true" });

        var laptop = await CreateAsync(server, new CreateVisitorRequest("Carla", null, "user-42", Hash("user-42")));
        var phone = await CreateAsync(server, new CreateVisitorRequest(null, null, "user-42", Hash("user-42").ToUpperInvariant()));
        var someoneElse = await CreateAsync(server, new CreateVisitorRequest(null, null, "user-43", Hash("user-43")));

        Assert.Equal(laptop.CustomerId, phone.CustomerId);
        Assert.NotEqual(laptop.CustomerId, someoneElse.CustomerId);
        Assert.Equal("user-42", (await server.Service<ICustomerStore>().GetAsync(laptop.CustomerId))!.ExternalId);
        var customer = await server.ConnectCustomerAsync(laptop.Token);
        var id = (await customer.StartAsync("Hello from the laptop")).ConversationId;
        var onPhone = await server.ConnectCustomerAsync(phone.Token);
        Assert.Equal("Hello from the laptop", (await onPhone.ResumeAsync(id, 0)).Messages[0].Text);
    }

    [Fact]
    public async Task ASiteUserSigningInOnTenDevicesAtOnce_GetsOneCustomer_EveryRound()
    {
        // 50 sign-ins from 127.0.0.1 in a few seconds: above the production limit of new visitors per address.
        await using var server = HubServer.Start(settings: new Dictionary<string, string?>
        {
            ["Hub:Identity:Secret"] = Secret,
            ["Hub:Identity:AllowLegacyHmac"] = "true",
            ["Hub:Limits:VisitorsPerAddress:PermitLimit"] = "1000",
        });

        for (var round = 0; round < 5; round++)
        {
            var userId = $"user-{round}-{Guid.NewGuid():N}";
            var sessions = await Task.WhenAll(Enumerable.Range(0, 10)
                .Select(_ => Task.Run(() => CreateAsync(server, new CreateVisitorRequest(null, null, userId, Hash(userId))))))
                .WaitAsync(HubServer.Timeout);

            var customerId = Assert.Single(sessions.Select(s => s.CustomerId).Distinct());
            Assert.Equal(customerId, (await server.Service<ICustomerStore>().GetByExternalIdAsync(userId))!.Id);
        }
    }

    [Fact]
    public async Task AForgedOrMissingHash_IsRefused_AndCreatesNothing()
    {
        await using var server = HubServer.Start(settings: new Dictionary<string, string?> { ["Hub:Identity:Secret"] = Secret, ["Hub:Identity:AllowLegacyHmac"] = "true" });

        var forged = await server.Http.PostAsJsonAsync("/api/visitors", new CreateVisitorRequest(null, null, "user-42", Hash("user-42", "another secret")), HubServer.Json);
        var missing = await server.Http.PostAsJsonAsync("/api/visitors", new CreateVisitorRequest(null, null, "user-42", null), HubServer.Json);
        var malformed = await server.Http.PostAsJsonAsync("/api/visitors", new CreateVisitorRequest(null, null, "user-42", "xyz"), HubServer.Json);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Null(await server.Service<ICustomerStore>().GetByExternalIdAsync("user-42"));
    }

    [Fact]
    public async Task WithoutASecret_UserIdsAreRefused_WithAClearReason()
    {
        await using var server = HubServer.Start();

        var response = await server.Http.PostAsJsonAsync("/api/visitors", new CreateVisitorRequest(null, null, "user-42", Hash("user-42")), HubServer.Json);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Hub:Identity:Secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<VisitorSession> CreateAsync(HubServer server, CreateVisitorRequest request)
    {
        var response = await server.Http.PostAsJsonAsync("/api/visitors", request, HubServer.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<VisitorSession>(HubServer.Json))!;
    }

    [Fact]
    public async Task Staff_ReadTheCustomerRecord_AndCustomersCannot()
    {
        await using var server = HubServer.Start();
        var visitor = await CreateAsync(server, new CreateVisitorRequest("Carla", "carla@example.com"));
        var agent = await server.CreateAgentAsync("Ada");

        using var asStaff = new HttpRequestMessage(HttpMethod.Get, $"/api/customers/{visitor.CustomerId}");
        asStaff.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", agent.Token);
        var record = await (await server.Http.SendAsync(asStaff)).Content.ReadFromJsonAsync<CustomerDto>(HubServer.Json);
        using var asCustomer = new HttpRequestMessage(HttpMethod.Get, $"/api/customers/{visitor.CustomerId}");
        asCustomer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", visitor.Token);
        var refused = await server.Http.SendAsync(asCustomer);

        Assert.Equal(("Carla", "carla@example.com", false), (record!.Name, record.Email, record.Verified));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}

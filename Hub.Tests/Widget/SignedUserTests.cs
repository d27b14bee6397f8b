using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Tests.Customers;
using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Widget;

/// <summary>
/// A shop page that identifies its signed-in user with an identity JWT (docs/security.md#widget-identity),
/// logs them out with SupportHub.reset(), and pages whose token is forged or expired.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignedUserTests(BrowserFixture browser)
{
    private const string Secret = "the-shop-secret-that-signs-identity-tokens";

    private static readonly Dictionary<string, string?> WithSecret = new() { ["Hub:Identity:Secret"] = Secret };

    private static string Identify(string token) =>
        $$"""<script>window.SupportHub = { q: [["identify", { token: "{{token}}" }]] };</script>""";

    [Fact]
    public async Task AfterReset_TheNextVisitorSeesNothingOfTheVerifiedUser_AndIsANewCustomer()
    {
        await using var harness = await WidgetHarness.StartAsync(browser, settings: WithSecret);
        var agent = await harness.AvailableAgentAsync();
        var carla = await harness.OpenShopAsync(head: Identify(IdentityTokens.Sign(Secret, "shop-user-9", "Carla Verified", "carla@shop.example")));
        await carla.OpenAsync();
        await Expect(carla.NameField).ToHaveValueAsync("Carla Verified");
        await carla.StartChatAsync("My order 4711 is late", name: null, email: null);
        var first = await WidgetHarness.AcceptNextOfferAsync(agent);
        await agent.SendAsync(first, "Let me look at order 4711");
        await Expect(carla.Message("Let me look at order 4711")).ToHaveCountAsync(1);

        await carla.ResetAsync(); // the shop's "log out"

        await Expect(carla.Messages).ToHaveCountAsync(0);
        await Expect(carla.PreChatForm).ToBeVisibleAsync();
        await Expect(carla.NameField).ToHaveValueAsync(string.Empty);
        Assert.Empty(await carla.StoredKeysAsync());
        var next = await harness.OpenShopAsync(); // the next person at this computer, on a page that identifies nobody
        await next.OpenAsync();
        await Expect(next.Messages).ToHaveCountAsync(0);
        await Expect(next.NameField).ToHaveValueAsync(string.Empty);
        await Expect(next.EmailField).ToHaveValueAsync(string.Empty);
        await next.StartChatAsync("Hello, new visitor here", name: "Nick Next", email: "nick@example.com");

        var offer = await agent.Offers.WaitForAsync(o => o.ConversationId != first);
        var conversations = harness.Server.Service<IConversationStore>();
        var verified = (await conversations.GetAsync(first))!.CustomerId;
        var stranger = (await conversations.GetAsync(offer.ConversationId))!.CustomerId;
        Assert.NotEqual(verified, stranger);
        Assert.Equal("Nick Next", offer.CustomerName);
        Assert.Null((await harness.Server.Service<ICustomerStore>().GetAsync(stranger))!.ExternalId);
        await Expect(next.Message("My order 4711 is late")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task APageThatNoLongerIdentifies_DoesNotReuseTheIdentifiedSession()
    {
        await using var harness = await WidgetHarness.StartAsync(browser, settings: WithSecret);
        await harness.AvailableAgentAsync();
        var carla = await harness.OpenShopAsync(head: Identify(IdentityTokens.Sign(Secret, "shop-user-10", "Carla Verified")));
        await carla.OpenAsync();
        await carla.StartChatAsync("Only for Carla", name: null, email: "carla@shop.example");
        await carla.Page.CloseAsync(); // the shop forgot to call reset() on log-out

        var next = await harness.OpenShopAsync();
        await next.OpenAsync();

        await Expect(next.PreChatForm).ToBeVisibleAsync();
        await Expect(next.Messages).ToHaveCountAsync(0);
        await Expect(next.NameField).ToHaveValueAsync(string.Empty);
    }

    [Fact]
    public async Task AForgedOrExpiredToken_IsRefused_AndTheFormSaysSo()
    {
        await using var harness = await WidgetHarness.StartAsync(browser, settings: WithSecret);
        await harness.AvailableAgentAsync();
        var tokens = new Dictionary<string, string>
        {
            [IdentityTokens.Sign("a-forger-guessing-the-secret-0123456789", "shop-user-11")] = IdentityErrors.Invalid,
            [IdentityTokens.Sign(Secret, "shop-user-11", issuedAt: DateTime.UtcNow.AddHours(-3), lifetime: TimeSpan.FromMinutes(5))] = IdentityErrors.Expired,
        };

        foreach (var (token, code) in tokens)
        {
            var page = await harness.OpenShopAsync(head: Identify(token));
            await page.OpenAsync();
            await page.SubmitPreChatAsync("Let me in");

            await Expect(page.FormError).ToContainTextAsync("could not confirm who you are");
            await Expect(page.Messages).ToHaveCountAsync(0);
            var response = await harness.Server.Http.PostAsJsonAsync("/api/visitors", new CreateVisitorRequest(null, null, IdentityToken: token), HubServer.Json);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal((HttpStatusCode.Unauthorized, code), (response.StatusCode, problem.RootElement.GetProperty("code").GetString()));
            await page.Page.CloseAsync();
        }

        Assert.Null(await harness.Server.Service<ICustomerStore>().GetByExternalIdAsync("shop-user-11"));
    }

    [Fact]
    public async Task AVisitorCannotChangeTheSignedNameAndEmail()
    {
        await using var harness = await WidgetHarness.StartAsync(browser, settings: WithSecret);
        var agent = await harness.AvailableAgentAsync();
        var page = await harness.OpenShopAsync(head: Identify(IdentityTokens.Sign(Secret, "shop-user-12", "Carla Verified", "carla@shop.example")));
        await page.OpenAsync();
        await Expect(page.NameField).Not.ToBeEditableAsync();
        await Expect(page.EmailField).Not.ToBeEditableAsync();

        // A visitor who unlocks the fields in the developer tools and types someone else.
        await page.Page.EvaluateAsync("() => document.querySelector('[data-supporthub]').shadowRoot.querySelectorAll('input').forEach(i => i.readOnly = false)");
        await page.StartChatAsync("I am someone else now", name: "Mallory", email: "mallory@evil.example");

        var offer = await agent.Offers.WaitForAsync(_ => true);
        Assert.Equal("Carla Verified", offer.CustomerName);
        var customerId = (await harness.Server.Service<IConversationStore>().GetAsync(offer.ConversationId))!.CustomerId;
        var staff = await harness.Server.CreateAgentAsync("Sue");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/customers/{customerId}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", staff.Token);
        var customer = (await (await harness.Server.Http.SendAsync(request)).Content.ReadFromJsonAsync<CustomerDto>(HubServer.Json))!;
        Assert.Equal(("Carla Verified", "carla@shop.example", true, true, true), (customer.Name, customer.Email, customer.Verified, customer.NameVerified, customer.EmailVerified));
    }
}

using System.Security.Cryptography;
using System.Text;
using SupportHub.Server.Features.Customers;
using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Widget;

/// <summary>identify() with an HMAC of the site's user id: one customer, and one history, on every device.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IdentifyTests(BrowserFixture browser)
{
    private const string Secret = "the-shop-secret-for-identity-verification";

    [Fact]
    public async Task AVerifiedUser_IsTheSameCustomerOnTwoDevices()
    {
        await using var laptop = await WidgetHarness.StartAsync(browser, settings: new Dictionary<string, string?> { ["Hub:Identity:Secret"] = Secret, ["Hub:Identity:AllowLegacyHmac"] = "true" });
        var hash = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("shop-user-7")));
        var identify = $$"""<script>window.SupportHub = { q: [["identify", { name: "Carla", userId: "shop-user-7", userHash: "{{hash}}" }]] };</script>""";
        await laptop.AvailableAgentAsync();
        var first = await laptop.OpenShopAsync(head: identify);
        await first.OpenAsync();
        await first.StartChatAsync("Hello from the laptop");
        await Expect(first.Message("Hello from the laptop")).ToHaveCountAsync(1);

        var phoneContext = await browser.NewContextAsync(400, 800, "en-US");
        var phone = new WidgetPage(await phoneContext.NewPageAsync());
        await phone.Page.GotoAsync(laptop.Url("health"));
        await phone.Page.SetContentAsync(WidgetHarness.ShopPage(laptop.ScriptTag(), identify));
        await phone.WaitReadyAsync();
        await phone.OpenAsync();
        await phone.StartChatAsync("Hello from the phone");
        await Expect(phone.Message("Hello from the phone")).ToHaveCountAsync(1);

        var customer = await laptop.Server.Service<ICustomerStore>().GetByExternalIdAsync("shop-user-7");
        Assert.NotNull(customer);
        var conversations = await laptop.Server.Service<SupportHub.Server.Features.Chat.IConversationStore>().ListByCustomerAsync(customer.Id);
        Assert.Equal(2, conversations.Count); // both devices wrote as the one verified customer
        await phoneContext.CloseAsync();
    }
}

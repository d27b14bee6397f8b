using Microsoft.Playwright;
using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Console;

/// <summary>The agent console in one browser page, by what an agent sees and clicks.</summary>
public sealed class ConsolePage(IPage page)
{
    public const string Password = "correct horse battery staple";

    public static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = Ms(HubServer.Timeout) };

    public IPage Page { get; } = page;

    public ILocator Offers => Page.GetByTestId("offer");

    public ILocator Tabs => Page.GetByTestId("chat-tab");

    public ILocator Transcript => Page.GetByTestId("transcript");

    public ILocator Composer => Page.GetByTestId("composer");

    public static float Ms(TimeSpan span) => (float)span.TotalMilliseconds;

    public static async Task<ConsolePage> OpenAsync(ConsoleBrowser browser, HubServer server, int width = 1280, int height = 800, string locale = "en-US")
    {
        var page = await browser.NewPageAsync(server.BaseAddress, width, height, locale);
        await page.GotoAsync("/console/");
        return new ConsolePage(page);
    }

    public async Task LoginAsync(string email)
    {
        await Page.GetByTestId("login-email").FillAsync(email);
        await Page.GetByTestId("login-password").FillAsync(Password);
        await Page.GetByTestId("login-submit").ClickAsync();
        await Expect(Page.GetByTestId("conn")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = Ms(HubServer.Timeout) });
    }

    public async Task SetPresenceAsync(string status)
    {
        await Page.GetByTestId($"presence-{status}").ClickAsync();
        await Expect(Page.GetByTestId("presence")).ToHaveAttributeAsync("data-status", status, new() { Timeout = Ms(HubServer.Timeout) });
    }

    public ILocator OfferFor(string conversationId) => Page.Locator($"[data-testid=offer][data-conversation='{conversationId}']");

    public ILocator TabFor(string conversationId) => Page.Locator($"[data-testid=chat-tab][data-conversation='{conversationId}']");

    public async Task AcceptAsync(string conversationId)
    {
        var offer = OfferFor(conversationId);
        await Expect(offer).ToBeVisibleAsync(Visible);
        await offer.GetByTestId("offer-accept").ClickAsync();
        await Expect(TabFor(conversationId)).ToBeVisibleAsync(Visible);
        await Expect(Transcript).ToHaveAttributeAsync("data-conversation", conversationId, new() { Timeout = Ms(HubServer.Timeout) });
    }

    /// <summary>Types into the composer of the active chat and sends with Ctrl+Enter.</summary>
    public async Task SendAsync(string text)
    {
        await Composer.FillAsync(text);
        await Composer.PressAsync("Control+Enter");
        await Expect(Page.GetByTestId("msg-pending")).ToHaveCountAsync(0, new() { Timeout = Ms(HubServer.Timeout) });
    }

    /// <summary>Messages of the active transcript whose text is exactly <paramref name="text"/>.</summary>
    public ILocator Message(string text) =>
        Transcript.Locator("[data-testid=msg]").Filter(new() { Has = Page.Locator(".msg-text").GetByText(text, new() { Exact = true }) });

    public async Task SwitchToAsync(string conversationId)
    {
        await TabFor(conversationId).Locator(".tab-main").ClickAsync();
        await Expect(Transcript).ToHaveAttributeAsync("data-conversation", conversationId, new() { Timeout = Ms(HubServer.Timeout) });
    }

    public async Task ScreenshotAsync(string name)
    {
        var dir = RepoPaths.Combine("artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(dir, $"console-{name}.png"), Animations = ScreenshotAnimations.Disabled });
    }
}

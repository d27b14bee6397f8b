using Microsoft.Playwright;

namespace SupportHub.Tests.TestHost;

/// <summary>
/// A headless Debian chromium driven by Playwright (no <c>playwright install</c>: the system browser
/// is used). One per test; every context it opens is a separate browser profile.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright playwright;

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<ConsoleBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync().WaitAsync(HubServer.Timeout);
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = Args,
            Timeout = (float)HubServer.Timeout.TotalMilliseconds,
        }).WaitAsync(HubServer.Timeout);
        return new ConsoleBrowser(playwright, browser);
    }

    /// <summary>A new profile (own localStorage) with a page on the server, English unless told.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, int width = 1280, int height = 800, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
        }).WaitAsync(HubServer.Timeout);
        var page = await context.NewPageAsync().WaitAsync(HubServer.Timeout);
        page.SetDefaultTimeout((float)HubServer.Timeout.TotalMilliseconds);
        page.SetDefaultNavigationTimeout((float)HubServer.Timeout.TotalMilliseconds);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright.Dispose();
    }
}

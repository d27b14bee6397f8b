using Microsoft.Playwright;

namespace SupportHub.Tests.TestHost;

/// <summary>
/// One headless Debian Chromium, driven by Playwright, shared by the browser tests of a collection;
/// each test opens its own <see cref="IBrowserContext"/> (own storage, own network switch).
/// Never runs `playwright install`: the browser comes from apt.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>How long any single wait in a browser test may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The repository root (the folder with Hub.sln), found from the test binaries.</summary>
    public static string RepoRoot => RepoPaths.Root;

    public static string WidgetBundlePath => Path.Combine(RepoRoot, "Hub.Server", "wwwroot", "widget.js");

    public static string ScreenshotsPath => Path.Combine(RepoRoot, "artifacts", "screenshots");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser fixture is not initialized.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(WidgetBundlePath))
        {
            throw new InvalidOperationException(
                $"The widget bundle {WidgetBundlePath} is missing. Build it with `npm --prefix Hub.Widget ci && npm --prefix Hub.Widget run build` "
                + "(the Hub.Server build does this when npm is installed).");
        }

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: install it with `apt-get install -y chromium`.");
        }

        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            Timeout = (float)TimeSpan.FromSeconds(60).TotalMilliseconds,
        });
    }

    /// <summary>A fresh context (own localStorage, cookies and offline switch) with the test timeouts.</summary>
    public async Task<IBrowserContext> NewContextAsync(int width = 1100, int height = 760, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
        });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        return context;
    }

    /// <summary>Saves a screenshot as a test artifact in artifacts/screenshots.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotsPath);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotsPath, name + ".png"), Timeout = (float)Timeout.TotalMilliseconds });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
    }
}

using System.Collections.Concurrent;
using Microsoft.Playwright;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Console;

/// <summary>
/// A headless chromium for the console's browser phone: a fake microphone (granted), WebRTC without
/// UDP (no ICE candidates, so no packets), the SDK's signaling pointed at <see cref="FakeSignaling"/>,
/// and every request or WebSocket to anything but the Hub server refused and recorded in
/// <see cref="Escaped"/>, which a test expects to stay empty.
/// </summary>
public sealed class PhoneBrowser : IAsyncDisposable
{
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    ];

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly List<FakeSignaling> gateways = [];

    private PhoneBrowser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    /// <summary>Requests and WebSockets the pages tried to send anywhere but the Hub server.</summary>
    public ConcurrentQueue<string> Escaped { get; } = new();

    /// <summary>Every URL the pages requested from the Hub server.</summary>
    public ConcurrentQueue<string> Requested { get; } = new();

    public static async Task<PhoneBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync().WaitAsync(HubServer.Timeout);
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ConsoleBrowser.ChromiumPath,
            Headless = true,
            Args = Args,
            Timeout = ConsolePage.Ms(HubServer.Timeout),
        }).WaitAsync(HubServer.Timeout);
        return new PhoneBrowser(playwright, browser);
    }

    /// <summary>A new profile on the console whose phone registers with the returned fake gateway.</summary>
    public async Task<(ConsolePage Page, FakeSignaling Signaling)> OpenAsync(HubServer server, FakeSignaling? signaling = null, string locale = "en-US")
    {
        signaling ??= new FakeSignaling();
        gateways.Add(signaling);
        var origin = server.BaseAddress.GetLeftPart(UriPartial.Authority);
        var socketOrigin = "ws" + origin[4..];
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = locale,
            Permissions = ["microphone"],
        }).WaitAsync(HubServer.Timeout);
        await context.AddInitScriptAsync($"localStorage.setItem('hub.console.voiceSignaling', '{FakeSignaling.Host}');");
        await context.RouteAsync(url => !url.StartsWith(origin + "/", StringComparison.Ordinal), async route =>
        {
            Escaped.Enqueue(route.Request.Url);
            await route.AbortAsync("blockedbyclient");
        });
        await context.RouteWebSocketAsync(url => !url.StartsWith(socketOrigin + "/", StringComparison.Ordinal), route =>
        {
            if (route.Url == FakeSignaling.Url)
            {
                signaling.Attach(route);
                return;
            }

            Escaped.Enqueue(route.Url);
            _ = route.CloseAsync();
        });
        context.Request += (_, request) => Requested.Enqueue(request.Url);
        var page = await context.NewPageAsync().WaitAsync(HubServer.Timeout);
        page.SetDefaultTimeout(ConsolePage.Ms(HubServer.Timeout));
        page.SetDefaultNavigationTimeout(ConsolePage.Ms(HubServer.Timeout));
        await page.GotoAsync("/console/");
        return (new ConsolePage(page), signaling);
    }

    public async ValueTask DisposeAsync()
    {
        await browser.CloseAsync();
        playwright.Dispose();
        foreach (var gateway in gateways)
        {
            gateway.Dispose();
        }
    }
}

using Microsoft.Playwright;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Widget;

/// <summary>
/// A real Hub.Server with fast routing and one browser context. Test pages live on the server's
/// own origin (the demo page, or a shop page written into a document of that origin) and embed the
/// real /widget.js.
/// </summary>
internal sealed class WidgetHarness : IAsyncDisposable
{
    private static readonly Dictionary<string, string?> FastRouting = new()
    {
        ["Hub:Routing:SweepInterval"] = "00:00:00.100",
        ["Hub:Routing:OfferTimeout"] = "00:00:10",
        ["Hub:Routing:Topics:billing"] = "billing",
    };

    private WidgetHarness(HubServer server, IBrowserContext context)
    {
        Server = server;
        Context = context;
    }

    public HubServer Server { get; }

    public IBrowserContext Context { get; }

    /// <summary>The server's origin without a trailing slash, as data-hub takes it.</summary>
    public string Hub => Server.BaseAddress.ToString().TrimEnd('/');

    public static async Task<WidgetHarness> StartAsync(
        BrowserFixture browser, int width = 1100, int height = 760, string locale = "en-US", IReadOnlyDictionary<string, string?>? settings = null)
    {
        var server = HubServer.Start(settings: settings is null ? FastRouting : FastRouting.Concat(settings).ToDictionary(kv => kv.Key, kv => kv.Value));
        var context = await browser.NewContextAsync(width, height, locale);
        return new WidgetHarness(server, context);
    }

    public string Url(string path) => new Uri(Server.BaseAddress, path).ToString();

    /// <summary>The embed snippet of docs/widget.md, pointing at this server.</summary>
    public string ScriptTag(string attributes = "") =>
        $"""<script src="{Url("widget.js")}" data-hub="{Hub}" {attributes} async></script>""";

    public static string ShopPage(string scriptTag, string head = "", string lang = "en") => $$"""
        <!doctype html>
        <html lang="{{lang}}">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Test shop</title>
          {{head}}
        </head>
        <body>
          <h1 id="shop-title">Test shop</h1>
          <p id="shop-text">Fresh coffee beans, <a id="shop-link" href="#offers">offers</a> and <button id="shop-button" type="button">Buy</button></p>
          <ul id="shop-list"><li>House blend</li><li>Espresso</li></ul>
          {{scriptTag}}
        </body>
        </html>
        """;

    /// <summary>
    /// A new tab with a shop page that embeds the widget. The page is written into a document of the
    /// server's origin (page.SetContentAsync), because Chromium's local network access checks block
    /// a page served by route interception (a "public" page to its eyes) from opening a WebSocket to loopback.
    /// </summary>
    public async Task<WidgetPage> OpenShopAsync(string attributes = "", string head = "", string lang = "en")
    {
        var page = await Context.NewPageAsync();
        var widget = new WidgetPage(page);
        await page.GotoAsync(Url("health"));
        await page.SetContentAsync(ShopPage(ScriptTag(attributes), head, lang));
        await widget.WaitReadyAsync();
        return widget;
    }

    public async Task<WidgetPage> OpenPageAsync(string path)
    {
        var page = await Context.NewPageAsync();
        var widget = new WidgetPage(page);
        await page.GotoAsync(Url(path));
        await widget.WaitReadyAsync();
        return widget;
    }

    /// <summary>An agent, logged in and connected, who takes chats.</summary>
    public async Task<AgentClient> AvailableAgentAsync(string name = "Ada")
    {
        var agent = await Server.ConnectAgentAsync((await Server.CreateAgentAsync(name, [1])).Token);
        await agent.SetPresenceAsync(PresenceStatus.Available);
        return agent;
    }

    /// <summary>Waits for the router's offer of the customer's chat and accepts it; returns the conversation id.</summary>
    public static async Task<string> AcceptNextOfferAsync(AgentClient agent)
    {
        var offer = await agent.Offers.WaitForAsync(_ => true);
        await agent.AcceptAsync(offer.ConversationId);
        return offer.ConversationId;
    }

    /// <summary>A customer on the demo shop page who has started a chat that the agent accepted.</summary>
    public async Task<(WidgetPage Page, AgentClient Agent, string ConversationId)> ChatWithAgentAsync(string first = "Hello, I need help with my order.")
    {
        var agent = await AvailableAgentAsync();
        var page = await OpenPageAsync("demo/widget.html");
        await page.OpenAsync();
        await page.StartChatAsync(first);
        var id = await AcceptNextOfferAsync(agent);
        await Assertions.Expect(page.Subtitle).ToContainTextAsync("Ada");
        return (page, agent, id);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await Server.DisposeAsync();
    }
}

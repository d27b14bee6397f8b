using System.Text.Json;
using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Widget;

/// <summary>The widget on a page whose CSS and globals are hostile: it looks and works the same, and leaves the page alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HostilePageTests(BrowserFixture browser)
{
    private const string HostileHead = """
        <style>* { display: block !important; color: red !important; font-family: "Comic Sans MS", cursive; }</style>
        <script>window.signalR = 'not the library'; window.globalsBefore = Object.getOwnPropertyNames(window);</script>
        """;

    private const string CleanHead = "<script>window.globalsBefore = Object.getOwnPropertyNames(window);</script>";

    private static readonly string[] StyleProperties =
    [
        "display", "position", "width", "height", "color", "background-color", "font-family", "font-size",
        "border-top-left-radius", "bottom", "right", "padding-top", "visibility", "opacity",
    ];

    /// <summary>The page's own elements as they render: markup, text and computed styles, the widget left out.</summary>
    private const string PageSnapshot = """
        () => {
          const props = ['display', 'color', 'font-family', 'font-size', 'margin-top', 'padding-top', 'width', 'height', 'visibility', 'position'];
          const elements = [document.documentElement, document.body, ...document.body.querySelectorAll('*')]
            .filter(e => !e.matches('script, [data-supporthub]'));
          const body = document.body.cloneNode(true);
          body.querySelectorAll('script, [data-supporthub]').forEach(e => e.remove());
          return JSON.stringify({
            title: document.title,
            markup: body.innerHTML.replace(/\s+/g, ' ').trim(),
            styles: elements.map(e => [e.tagName, e.id, ...props.map(p => getComputedStyle(e).getPropertyValue(p))].join('|')),
          });
        }
        """;

    [Fact]
    public async Task OnAHostilePage_TheWidgetLooksAndWorksTheSame_AndLeavesThePageAlone()
    {
        await using var harness = await WidgetHarness.StartAsync(browser);

        // The reference: the widget on a clean page.
        var clean = await harness.OpenShopAsync(head: CleanHead);
        var cleanLauncher = await clean.StyleOfAsync(".launcher", StyleProperties);
        await clean.OpenAsync();
        var cleanPanel = await clean.StyleOfAsync(".panel", StyleProperties);
        var cleanInput = await clean.StyleOfAsync("input[name=name]", StyleProperties);
        var cleanButton = await clean.StyleOfAsync("form.form button[type=submit]", StyleProperties);
        await clean.Page.CloseAsync();

        // The hostile page as it renders without the widget.
        var bare = await harness.Context.NewPageAsync();
        await bare.GotoAsync(harness.Url("health"));
        await bare.SetContentAsync(WidgetHarness.ShopPage("", HostileHead));
        var without = await bare.EvaluateAsync<string>(PageSnapshot);
        await bare.CloseAsync();

        var agent = await harness.AvailableAgentAsync();
        var hostile = await harness.OpenShopAsync(head: HostileHead);
        Assert.Equal(without, await hostile.Page.EvaluateAsync<string>(PageSnapshot));
        Assert.Equal(cleanLauncher, await hostile.StyleOfAsync(".launcher", StyleProperties));
        await BrowserFixture.ScreenshotAsync(hostile.Page, "hostile-page-closed");

        await hostile.OpenAsync();
        Assert.Equal(cleanPanel, await hostile.StyleOfAsync(".panel", StyleProperties));
        Assert.Equal(cleanInput, await hostile.StyleOfAsync("input[name=name]", StyleProperties));
        Assert.Equal(cleanButton, await hostile.StyleOfAsync("form.form button[type=submit]", StyleProperties));

        // It works: a whole chat with an agent.
        await hostile.StartChatAsync("Hello from a hostile page");
        var id = await WidgetHarness.AcceptNextOfferAsync(agent);
        await agent.SendAsync(id, "Hello from Ada");
        await Expect(hostile.Message("Hello from Ada")).ToHaveCountAsync(1);
        await hostile.SendAsync("Thanks, Ada");
        await agent.Messages.WaitForAsync(m => m.ConversationId == id && m.Text == "Thanks, Ada");
        await Expect(hostile.Message("Thanks, Ada")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(hostile.Page, "hostile-page-chat");

        var bubble = await hostile.StyleOfAsync(".log li.agent .bubble", ["color", "display", "font-family"]);
        Assert.NotEqual("rgb(255, 0, 0)", bubble["color"]);
        Assert.Equal("block", bubble["display"]);

        // The page is as it was; its signalR global is still its own; the only new global is SupportHub.
        await hostile.In(".header button[aria-label='Close chat']").ClickAsync();
        await Expect(hostile.Panel).ToBeHiddenAsync();
        Assert.Equal(without, await hostile.Page.EvaluateAsync<string>(PageSnapshot));
        Assert.Equal("not the library", await hostile.Page.EvaluateAsync<string>("() => window.signalR"));
        var added = JsonSerializer.Deserialize<string[]>(await hostile.Page.EvaluateAsync<string>(
            "() => JSON.stringify(Object.getOwnPropertyNames(window).filter(n => n !== 'globalsBefore' && !window.globalsBefore.includes(n)))"))!;
        Assert.Equal(["SupportHub"], added);
    }
}

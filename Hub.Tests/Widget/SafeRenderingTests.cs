using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Widget;

/// <summary>Wire text is only ever text: markup shows as typed, and only http(s) URLs become links.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SafeRenderingTests(BrowserFixture browser)
{
    private const string Markup = "<img src=x onerror=alert(1)>";

    private const string LinkText = "Links: https://example.com/help?q=1&x=2, <b>bold</b>, javascript:alert(2) and http://example.org/a.";

    [Fact]
    public async Task MarkupInMessages_IsShownAsText_AndNeverRuns()
    {
        await using var harness = await WidgetHarness.StartAsync(browser);
        var (widget, agent, id) = await harness.ChatWithAgentAsync();
        var dialogs = 0;
        widget.Page.Dialog += (_, dialog) =>
        {
            Interlocked.Increment(ref dialogs);
            _ = dialog.DismissAsync();
        };

        await agent.SendAsync(id, "Agent says " + Markup);
        await widget.SendAsync("Customer says " + Markup);
        await agent.Messages.WaitForAsync(m => m.ConversationId == id && m.Text == "Customer says " + Markup);
        await agent.SendAsync(id, LinkText);

        await Expect(widget.Message("Agent says")).ToHaveCountAsync(1);
        await Expect(widget.Message("Customer says")).ToHaveCountAsync(1);
        await Expect(widget.Message("Links:")).ToHaveCountAsync(1);
        await Expect(widget.Message("Agent says").Locator(".bubble")).ToHaveTextAsync("Agent says " + Markup);
        await Expect(widget.Message("Customer says").Locator(".bubble")).ToHaveTextAsync("Customer says " + Markup);
        await Task.Delay(500); // an onerror handler would have fired by now

        Assert.Equal(0, Volatile.Read(ref dialogs));
        Assert.Equal(0, await widget.Page.EvaluateAsync<int>("() => document.querySelector('[data-supporthub]').shadowRoot.querySelectorAll('img, b, script').length"));
        Assert.Equal(0, await widget.Page.EvaluateAsync<int>("() => document.querySelectorAll('img').length"));

        var links = widget.Message("Links:").Locator("a");
        await Expect(links).ToHaveCountAsync(2);
        await Expect(links.Nth(0)).ToHaveAttributeAsync("href", "https://example.com/help?q=1&x=2");
        await Expect(links.Nth(1)).ToHaveAttributeAsync("href", "http://example.org/a");
        foreach (var i in new[] { 0, 1 })
        {
            await Expect(links.Nth(i)).ToHaveAttributeAsync("target", "_blank");
            await Expect(links.Nth(i)).ToHaveAttributeAsync("rel", "noopener noreferrer");
        }

        await Expect(widget.Message("Links:").Locator(".bubble")).ToHaveTextAsync(LinkText);
    }
}

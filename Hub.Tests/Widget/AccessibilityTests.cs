using Microsoft.Playwright;
using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Widget;

/// <summary>Keyboard, ARIA, languages, small screens and the page's JavaScript API.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheWidget_WorksWithTheKeyboardAlone_AndHasDialogAndLogRoles()
    {
        await using var harness = await WidgetHarness.StartAsync(browser);
        var agent = await harness.AvailableAgentAsync();
        var widget = await harness.OpenShopAsync();
        var page = widget.Page;

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Open chat" })).ToHaveAttributeAsync("aria-expanded", "false");
        await widget.Launcher.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Support" })).ToBeVisibleAsync();
        await Expect(widget.In("input[name=name]")).ToBeFocusedAsync();

        await page.Keyboard.TypeAsync("Kim Keyboard");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("kim@example.com");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Typed, sent with Enter");
        await page.Keyboard.PressAsync("Enter");
        await Expect(widget.Message("Typed, sent with Enter")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Log)).ToHaveAttributeAsync("aria-live", "polite");

        var id = await WidgetHarness.AcceptNextOfferAsync(agent);
        await widget.Composer.FocusAsync();
        await page.Keyboard.TypeAsync("Second line, also Enter");
        await page.Keyboard.PressAsync("Enter");
        await agent.Messages.WaitForAsync(m => m.ConversationId == id && m.Text == "Second line, also Enter");

        var outline = await page.EvaluateAsync<string>("() => { const r = document.querySelector('[data-supporthub]').shadowRoot; return getComputedStyle(r.activeElement).outlineStyle; }");
        Assert.NotEqual("none", outline);

        await page.Keyboard.PressAsync("Escape");
        await Expect(widget.Panel).ToBeHiddenAsync();
        await Expect(widget.Launcher).ToBeFocusedAsync();
        foreach (var name in new[] { "Close chat", "Sound off", "End chat", "Send" })
        {
            await widget.OpenAsync();
            await Expect(widget.Panel.GetByRole(AriaRole.Button, new() { Name = name, Exact = true })).ToHaveCountAsync(1);
            await page.Keyboard.PressAsync("Escape");
        }
    }

    [Fact]
    public async Task InGerman_OnA360PixelScreen_ThePanelFillsTheScreen()
    {
        await using var harness = await WidgetHarness.StartAsync(browser, width: 360, height: 640, locale: "de-DE");
        var widget = await harness.OpenShopAsync(attributes: "data-color=\"#0b7a3e\" data-position=\"left\" data-required=\"email\"", lang: "de");

        await Expect(widget.Launcher).ToHaveAttributeAsync("aria-label", "Chat öffnen");
        var launcher = (await widget.Launcher.BoundingBoxAsync())!;
        Assert.True(launcher.X < 100, $"the launcher sits on the left (x = {launcher.X})");
        Assert.Equal("rgb(11, 122, 62)", (await widget.StyleOfAsync(".launcher", ["background-color"]))["background-color"]);

        await widget.OpenAsync();
        var panel = (await widget.Panel.BoundingBoxAsync())!;
        Assert.Equal((0f, 0f, 360f, 640f), ((float)panel.X, (float)panel.Y, (float)panel.Width, (float)panel.Height));
        await Expect(widget.PreChatForm.GetByRole(AriaRole.Button)).ToHaveTextAsync("Chat starten");
        await Expect(widget.PreChatForm).ToContainTextAsync("E-Mail (Pflichtfeld)");
        await Expect(widget.PreChatForm).ToContainTextAsync("Name (optional)");
        await BrowserFixture.ScreenshotAsync(widget.Page, "6-narrow-360px-de");

        await widget.In("textarea[name=message]").FillAsync("Hallo");
        await widget.In("form.form button[type=submit]").ClickAsync();
        await Expect(widget.FormError).ToHaveTextAsync("Bitte füllen Sie „E-Mail“ aus.");
        var scrollWidth = await widget.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"nothing sticks out sideways (scrollWidth {scrollWidth})");
    }

    [Fact]
    public async Task TheJavaScriptApi_OpensCloses_PrefillsTheForm_AndReportsEvents()
    {
        await using var harness = await WidgetHarness.StartAsync(browser);
        var agent = await harness.AvailableAgentAsync();
        var widget = await harness.OpenShopAsync();
        var page = widget.Page;
        await page.EvaluateAsync(
            """
            () => {
              window.seen = [];
              for (const e of ['open', 'close', 'message', 'conversation'])
                SupportHub.on(e, p => window.seen.push(e + (p && p.text ? ':' + p.text : p && p.status ? ':' + p.status : '')));
              SupportHub.identify({ name: 'Ida Identified', email: 'ida@example.com' });
              SupportHub.open();
            }
            """);
        await Expect(widget.Panel).ToBeVisibleAsync();
        await Expect(widget.In("input[name=name]")).ToHaveValueAsync("Ida Identified");
        await Expect(widget.In("input[name=email]")).ToHaveValueAsync("ida@example.com");

        await widget.In("textarea[name=message]").FillAsync("Hi from the API test");
        await widget.In("form.form button[type=submit]").ClickAsync();
        await Expect(widget.Message("Hi from the API test")).ToHaveCountAsync(1);
        await WidgetHarness.AcceptNextOfferAsync(agent);
        await Expect(widget.Subtitle).ToContainTextAsync("Ada");
        await page.EvaluateAsync("() => SupportHub.close()");
        await Expect(widget.Panel).ToBeHiddenAsync();

        var seen = await page.EvaluateAsync<string[]>("() => window.seen");
        Assert.Equal("open", seen[0]);
        Assert.Contains("message:Hi from the API test", seen);
        Assert.Contains("conversation:Active", seen);
        Assert.Equal("close", seen[^1]);
        Assert.Equal(["SupportHub"], await page.EvaluateAsync<string[]>("() => Object.keys(window).filter(k => /support|hub|signalr/i.test(k))"));
    }
}

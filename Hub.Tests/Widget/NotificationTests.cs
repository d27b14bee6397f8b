using SupportHub.Server.Features.Chat;
using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Widget;

/// <summary>While the panel is closed, new messages show as a badge and a blinking title, and count as unread.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationTests(BrowserFixture browser)
{
    [Fact]
    public async Task WhileClosed_AnAgentMessage_ShowsABadgeAndBlinksTheTitle_UntilTheCustomerOpens()
    {
        await using var harness = await WidgetHarness.StartAsync(browser);
        var (widget, agent, id) = await harness.ChatWithAgentAsync();
        var title = await widget.Page.TitleAsync();
        await widget.Page.Keyboard.PressAsync("Escape");
        await Expect(widget.Panel).ToBeHiddenAsync();
        await Expect(widget.Badge).ToBeHiddenAsync();

        var first = await agent.SendAsync(id, "Are you still there?");
        await agent.SendAsync(id, "Your parcel left today.");

        await Expect(widget.Badge).ToHaveTextAsync("2");
        await Expect(widget.Launcher).ToHaveAttributeAsync("aria-label", "Open chat (2 unread)");
        await widget.Page.WaitForFunctionAsync("() => document.title.startsWith('(2) New message')", null, new() { Timeout = 5000 });
        await widget.Page.WaitForFunctionAsync($"() => document.title === {System.Text.Json.JsonSerializer.Serialize(title)}", null, new() { Timeout = 5000 });
        Assert.DoesNotContain(agent.Reads.Snapshot(), r => r.Role == SenderRole.Customer && r.Seq >= first.Seq);

        await widget.OpenAsync();
        await Expect(widget.Badge).ToBeHiddenAsync();
        Assert.Equal(title, await widget.Page.TitleAsync());
        await Task.Delay(1200); // the blink has stopped: the title stays
        Assert.Equal(title, await widget.Page.TitleAsync());
        await agent.Reads.WaitForAsync(r => r.ConversationId == id && r.Role == SenderRole.Customer && r.Seq >= first.Seq + 1);
    }
}

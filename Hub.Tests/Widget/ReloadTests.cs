using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Widget;

/// <summary>A reload keeps the conversation: the history comes back and the chat goes on.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReloadTests(BrowserFixture browser)
{
    [Fact]
    public async Task AfterAReload_TheHistoryIsBack_AndTheConversationContinues()
    {
        await using var harness = await WidgetHarness.StartAsync(browser);
        var (widget, agent, id) = await harness.ChatWithAgentAsync("Before the reload");
        await agent.SendAsync(id, "Agent before the reload");
        await Expect(widget.Message("Agent before the reload")).ToHaveCountAsync(1);
        var before = await widget.ShownAsync();

        await widget.Page.ReloadAsync();
        await widget.WaitReadyAsync();
        await Expect(widget.Panel).ToBeVisibleAsync(); // it was open, so it opens again
        await Expect(widget.Messages).ToHaveCountAsync(before.Count);
        Assert.Equal(before, await widget.ShownAsync());
        await Expect(widget.Subtitle).ToHaveTextAsync("You are chatting with Ada");

        await widget.SendAsync("After the reload");
        await agent.Messages.WaitForAsync(m => m.ConversationId == id && m.Text == "After the reload");
        await agent.SendAsync(id, "Agent after the reload");
        await Expect(widget.Message("Agent after the reload")).ToHaveCountAsync(1);

        // Without the cached history, Resume from seq 0 alone brings it back.
        await widget.Page.EvaluateAsync("() => Object.keys(localStorage).filter(k => k.includes(':history:')).forEach(k => localStorage.removeItem(k))");
        await widget.Page.ReloadAsync();
        await widget.WaitReadyAsync();
        await Expect(widget.Message("Agent after the reload")).ToHaveCountAsync(1);
        var after = await widget.ShownAsync();
        Assert.Equal(before.Count + 2, after.Count);
        Assert.Equal(before, after.Take(before.Count));
        Assert.Equal(after.Count, after.Select(m => m.Seq).Distinct().Count());
    }
}

using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Widget;

/// <summary>One customer, one conversation, two tabs: both show every message exactly once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoTabsTests(BrowserFixture browser)
{
    [Fact]
    public async Task TwoTabsOfOneConversation_ShowEveryMessageExactlyOnce()
    {
        await using var harness = await WidgetHarness.StartAsync(browser);
        var (first, agent, id) = await harness.ChatWithAgentAsync("Started in tab one");
        var second = await harness.OpenPageAsync("demo/widget.html");
        await second.OpenAsync();
        await Expect(second.Message("Started in tab one")).ToHaveCountAsync(1);
        await Expect(second.Subtitle).ToHaveTextAsync("You are chatting with Ada");

        await first.SendAsync("From tab one");
        await agent.Messages.WaitForAsync(m => m.ConversationId == id && m.Text == "From tab one");
        await agent.SendAsync(id, "From the agent");
        await second.SendAsync("From tab two");
        await agent.Messages.WaitForAsync(m => m.ConversationId == id && m.Text == "From tab two");

        foreach (var tab in new[] { first, second })
        {
            foreach (var text in new[] { "Started in tab one", "From tab one", "From the agent", "From tab two" })
            {
                await Expect(tab.Message(text)).ToHaveCountAsync(1);
            }

            await Expect(tab.Pending).ToHaveCountAsync(0);
        }

        await Task.Delay(500); // a late duplicate would show up by now
        var one = await first.ShownAsync();
        var two = await second.ShownAsync();
        Assert.Equal(one, two);
        Assert.Equal(one.Count, one.Select(m => m.Seq).Distinct().Count());
        Assert.Equal(one.Select(m => m.Seq).Order(), one.Select(m => m.Seq));
        Assert.Single(agent.Messages.Snapshot(), m => m.Text == "From tab one");
        Assert.Single(agent.Messages.Snapshot(), m => m.Text == "From tab two");
    }
}

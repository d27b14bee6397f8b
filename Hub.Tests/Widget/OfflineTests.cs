using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SupportHub.Server.Features.Chat;
using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Widget;

/// <summary>Never lose a message: what the customer writes while offline goes out once, in order, when the network is back.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineTests(BrowserFixture browser)
{
    [Fact]
    public async Task MessagesWrittenOffline_ArriveOnceAndInOrder_WhenTheBrowserIsBackOnline()
    {
        await using var harness = await WidgetHarness.StartAsync(browser);
        var (widget, agent, id) = await harness.ChatWithAgentAsync();
        string[] texts = ["offline one", "offline two", "offline three"];

        await harness.Context.SetOfflineAsync(true);
        await Expect(widget.In(".status:not(.info)")).ToContainTextAsync("You are offline");
        foreach (var text in texts)
        {
            await widget.SendAsync(text);
        }

        await Expect(widget.Pending).ToHaveCountAsync(3);
        await Task.Delay(500);
        Assert.DoesNotContain(agent.Messages.Snapshot(), m => texts.Contains(m.Text));
        var outbox = await widget.Page.EvaluateAsync<int>(
            "() => Object.keys(localStorage).filter(k => k.includes(':outbox:')).map(k => JSON.parse(localStorage.getItem(k)).length).reduce((a, b) => a + b, 0)");
        Assert.Equal(3, outbox);

        await harness.Context.SetOfflineAsync(false);

        var received = await agent.Messages.WaitForCountAsync(m => m.ConversationId == id && texts.Contains(m.Text), 3);
        await Expect(widget.Pending).ToHaveCountAsync(0);
        foreach (var text in texts)
        {
            await Expect(widget.Message(text)).ToHaveCountAsync(1);
        }

        await Task.Delay(1000); // a late duplicate would show up by now
        Assert.Equal(texts, agent.Messages.Snapshot().Where(m => texts.Contains(m.Text)).OrderBy(m => m.Seq).Select(m => m.Text));
        Assert.Equal(3, agent.Messages.Snapshot().Count(m => texts.Contains(m.Text)));
        var stored = await harness.Server.Service<IConversationStore>().GetMessagesAsync(id, 0, 100, includePrivateNotes: true);
        Assert.Equal(texts, stored.Where(m => texts.Contains(m.Text)).Select(m => m.Text));
        var shown = await widget.ShownAsync();
        Assert.Equal(texts, shown.Where(m => texts.Contains(m.Text)).Select(m => m.Text));
        Assert.Equal(shown.Select(m => m.Seq).Order(), shown.Select(m => m.Seq));
        Assert.Equal(shown.Count, shown.Select(m => m.Seq).Distinct().Count());
        Assert.Equal(0, await widget.Page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.includes(':outbox:')).length"));
    }

    [Fact]
    public async Task AfterTheConnectionDrops_TheWidgetReconnectsByItself_AndShowsWhatItMissed()
    {
        await using var harness = await WidgetHarness.StartAsync(browser);
        var sockets = new List<IWebSocketRoute>();
        var refuse = false;
        await harness.Context.RouteWebSocketAsync(new Regex("/hubs/customer"), ws =>
        {
            if (Volatile.Read(ref refuse))
            {
                _ = ws.CloseAsync(new WebSocketRouteCloseOptions { Code = 1011, Reason = "refused by the test" });
                return;
            }

            lock (sockets)
            {
                sockets.Add(ws);
            }

            ws.ConnectToServer();
        });
        var (widget, agent, id) = await harness.ChatWithAgentAsync();

        // The socket dies without the browser going offline, and new ones are refused for a while.
        Volatile.Write(ref refuse, true);
        IWebSocketRoute live;
        lock (sockets)
        {
            live = sockets[^1];
        }

        await live.CloseAsync(new WebSocketRouteCloseOptions { Code = 1011, Reason = "dropped by the test" });
        await Expect(widget.In(".status:not(.info)")).ToContainTextAsync("Reconnecting");
        await agent.SendAsync(id, "Missed one");
        await agent.SendAsync(id, "Missed two");
        await widget.SendAsync("Written while disconnected");
        await Expect(widget.Pending).ToHaveCountAsync(1);

        Volatile.Write(ref refuse, false);

        await Expect(widget.Message("Missed one")).ToHaveCountAsync(1);
        await Expect(widget.Message("Missed two")).ToHaveCountAsync(1);
        await agent.Messages.WaitForAsync(m => m.ConversationId == id && m.Text == "Written while disconnected");
        await Expect(widget.Message("Written while disconnected")).ToHaveCountAsync(1);
        await Expect(widget.Pending).ToHaveCountAsync(0);
        await Expect(widget.In(".status:not(.info)")).ToBeHiddenAsync();
        var shown = await widget.ShownAsync();
        Assert.Equal(shown.Count, shown.Select(m => m.Seq).Distinct().Count());
        Assert.Single(agent.Messages.Snapshot(), m => m.Text == "Written while disconnected");
    }
}

using System.Text.RegularExpressions;
using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Widget;

/// <summary>
/// Events and answers that cross on the wire: an answer the server computed before a live event
/// must not undo that event in the widget.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LiveOrderTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnAgentWhoJoinsWhileTheWidgetsResumeIsOnItsWay_StaysShown_AndTheOlderSnapshotDoesNotUndoIt()
    {
        await using var harness = await WidgetHarness.StartAsync(browser);
        var agent = await harness.AvailableAgentAsync();
        var wire = new HeldResume();
        await harness.Context.RouteWebSocketAsync(CustomerHub(), wire.Attach);
        var widget = await harness.OpenPageAsync("demo/widget.html");
        await widget.OpenAsync();
        await widget.StartChatAsync("Hello, I need help with my order.");
        await Expect(widget.Message("Hello, I need help with my order.")).ToHaveCountAsync(1);
        await Expect(widget.Subtitle).ToHaveTextAsync("Waiting for an agent…");

        // A network blip: the widget reconnects and resumes. The server answers while the chat still
        // waits; that answer is held until the agent's join has reached the widget live.
        await wire.DropAsync();
        await wire.ResumeHeld.Task.WaitAsync(HubServer.Timeout);
        var id = await WidgetHarness.AcceptNextOfferAsync(agent);
        await wire.Released.Task.WaitAsync(HubServer.Timeout);
        await agent.SendAsync(id, "Hello Carla, Ada here."); // sent after the held answer: once shown, the widget has read both
        await Expect(widget.Message("Hello Carla, Ada here.")).ToHaveCountAsync(1);

        await Expect(widget.Subtitle).ToHaveTextAsync("You are chatting with Ada");
    }

    [GeneratedRegex("/hubs/customer")]
    private static partial Regex CustomerHub();
}

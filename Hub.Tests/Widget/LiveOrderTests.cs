using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
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
    private const char RecordSeparator = '\u001e';

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

    /// <summary>
    /// Passes the customer hub's frames through. After <see cref="DropAsync"/> the next connection's
    /// first Resume answer is held until a ConversationChanged has gone to the page; then it follows.
    /// </summary>
    private sealed class HeldResume
    {
        private readonly Lock gate = new();
        private readonly List<IWebSocketRoute> routes = [];
        private string? resumeId;
        private string? held;
        private bool holding;

        public TaskCompletionSource ResumeHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Closes the page's connection as a lost network would; the widget reconnects.</summary>
        public async Task DropAsync()
        {
            IWebSocketRoute current;
            lock (gate)
            {
                holding = true;
                current = routes[^1];
            }

            await current.CloseAsync(new() { Code = 4000, Reason = "network blip" });
        }

        public void Attach(IWebSocketRoute route)
        {
            bool watched;
            lock (gate)
            {
                routes.Add(route);
                watched = holding;
            }

            var server = route.ConnectToServer();
            route.OnMessage(frame =>
            {
                foreach (var record in Records(frame.Text))
                {
                    if (watched && record.TryGetProperty("target", out var target) && target.GetString() == "Resume")
                    {
                        lock (gate)
                        {
                            resumeId ??= record.GetProperty("invocationId").GetString();
                        }
                    }
                }

                server.Send(frame.Text ?? string.Empty);
            });
            server.OnMessage(frame =>
            {
                var text = frame.Text ?? string.Empty;
                lock (gate)
                {
                    var records = Records(text);
                    if (watched && held is null && !Released.Task.IsCompleted && records.Any(IsResumeAnswer))
                    {
                        held = text;
                        ResumeHeld.TrySetResult();
                        return;
                    }

                    route.Send(text);
                    if (held is not null && records.Any(r => r.TryGetProperty("target", out var t) && t.GetString() == "ConversationChanged"))
                    {
                        route.Send(held);
                        held = null;
                        Released.TrySetResult();
                    }
                }
            });
        }

        private bool IsResumeAnswer(JsonElement record) =>
            record.TryGetProperty("type", out var type) && type.GetInt32() == 3
            && record.TryGetProperty("invocationId", out var id) && id.GetString() == resumeId;

        private static List<JsonElement> Records(string? text) =>
            [.. (text ?? string.Empty).Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries).Select(r => JsonDocument.Parse(r).RootElement.Clone())];
    }
}

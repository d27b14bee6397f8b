using System.Text.Json;
using Microsoft.Playwright;

namespace SupportHub.Tests.TestHost;

/// <summary>
/// Sits between a page and a SignalR hub (<c>RouteWebSocketAsync</c>) and passes the frames through.
/// After <see cref="DropAsync"/> the next connection's first Resume answer is held until a
/// ConversationChanged has gone to the page; then it follows.
/// </summary>
public sealed class HeldResume
{
    private const char RecordSeparator = '\u001e';

    private readonly Lock gate = new();
    private readonly List<IWebSocketRoute> routes = [];
    private string? resumeId;
    private string? held;
    private bool holding;

    public TaskCompletionSource ResumeHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Closes the page's connection as a lost network would; the page reconnects.</summary>
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

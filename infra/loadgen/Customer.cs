using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace SupportHub.Loadgen;

/// <summary>
/// One visitor in one conversation, written from docs/protocol only: create a visitor over HTTP,
/// connect to the customer hub, start a conversation, then send the next message as soon as the
/// previous one is acknowledged, recording each acknowledgement's latency.
/// </summary>
public sealed class Customer(LoadOptions options, HttpClient http, int index) : IAsyncDisposable
{
    private HubConnection? connection;
    private string conversationId = string.Empty;

    public List<double> AckMilliseconds { get; } = [];

    public async Task StartAsync()
    {
        var response = await http.PostAsJsonAsync("/api/visitors", new { name = $"Load {index}", email = $"load{index}@example.com" });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<Session>())!.Token;
        connection = new HubConnectionBuilder()
            .WithUrl(new Uri(options.Url, "/hubs/customer"), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        await connection.StartAsync();
        var started = await connection.InvokeAsync<Started>(
            "StartConversation", new { name = $"Load {index}", email = $"load{index}@example.com", topic = "billing", text = "Hello", clientMessageId = Guid.NewGuid().ToString("N") });
        conversationId = started.ConversationId;
    }

    /// <summary>Sends until the deadline or the message bound; one message in flight at a time.</summary>
    public async Task RunAsync(DateTime deadlineUtc)
    {
        var clock = new Stopwatch();
        for (var n = 0; n < options.MaxMessagesPerConversation && DateTime.UtcNow < deadlineUtc; n++)
        {
            clock.Restart();
            await connection!.InvokeAsync<Acknowledged>(
                "Send", new { conversationId, clientMessageId = $"m{n}", text = $"Message {n} from visitor {index}" });
            AckMilliseconds.Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    private sealed record Session(string Token);

    private sealed record Started(string ConversationId);

    private sealed record Acknowledged(long Seq, bool Duplicate);
}

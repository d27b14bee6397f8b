using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Chat;

/// <summary>The server closes a connection it has heard nothing from for Hub:Chat:ClientTimeout.</summary>
public sealed class SilentClientTests
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(3); // SignalR checks timeouts once a second

    [Fact]
    public async Task AClientThatFallsSilentAfterAPing_IsClosed_WhileAPingingClientStaysConnected()
    {
        await using var server = HubServer.Start(settings: new Dictionary<string, string?>
        {
            ["Hub:Chat:ClientTimeout"] = ClientTimeout.ToString(),
            ["Hub:Chat:KeepAliveInterval"] = TimeSpan.FromSeconds(1).ToString(),
        });
        var pinging = server.BuildConnection(ChatExtensions.CustomerHubPath, (await server.CreateVisitorAsync()).Token);
        pinging.KeepAliveInterval = TimeSpan.FromMilliseconds(500); // the client pings well within the timeout
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        pinging.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await using var disposePinging = pinging;
        await pinging.StartAsync().WaitAsync(HubServer.Timeout);
        using var silent = new ClientWebSocket();
        var uri = new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = ChatExtensions.CustomerHubPath, Query = "access_token=" + (await server.CreateVisitorAsync()).Token };

        await silent.ConnectAsync(uri.Uri, CancellationToken.None).WaitAsync(HubServer.Timeout);
        await silent.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
        var frames = new List<string>();
        frames.Add(await ReceiveAsync(silent).WaitAsync(HubServer.Timeout) ?? "(closed)");
        // SignalR 10 starts the timeout with the first message after the handshake, not with the
        // handshake itself: one ping, then silence (docs/protocol/wire-format.md says so).
        await silent.SendAsync(Encoding.UTF8.GetBytes("{\"type\":6}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
        var quiet = Stopwatch.StartNew();
        while (quiet.Elapsed < ClientTimeout + Margin && await ReceiveAsync(silent).WaitAsync(ClientTimeout + Margin) is { } frame)
        {
            frames.Add(frame);
        }

        Assert.Equal("{}\u001e", frames[0]); // the handshake succeeded
        Assert.InRange(quiet.Elapsed, ClientTimeout - TimeSpan.FromMilliseconds(500), ClientTimeout + Margin);
        Assert.Contains("{\"type\":6}\u001e", frames); // the server pinged the silent client before giving up on it
        await Task.Delay(Margin);
        if (closed.Task.IsCompleted)
        {
            Assert.Fail($"The pinging client was closed: {await closed.Task}");
        }

        Assert.Equal(HubConnectionState.Connected, pinging.State);
    }

    /// <summary>The next text frame, or null once the server has closed the socket (cleanly or not).</summary>
    private static async Task<string?> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[16 * 1024];
        using var text = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                text.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    return Encoding.UTF8.GetString(text.ToArray());
                }
            }
        }
        catch (WebSocketException)
        {
            return null;
        }
    }
}

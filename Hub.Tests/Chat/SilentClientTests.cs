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
        // One ping, then silence: SignalR's own timeout covers this case (SilentClientWatch too).
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

    [Theory]
    [InlineData(ChatExtensions.CustomerHubPath)]
    [InlineData(ChatExtensions.AgentHubPath)]
    public async Task AClientSilentRightAfterTheHandshake_IsClosed_WhileARawClientThatPingsStays(string path)
    {
        await using var server = HubServer.Start(settings: new Dictionary<string, string?>
        {
            ["Hub:Chat:ClientTimeout"] = ClientTimeout.ToString(),
            ["Hub:Chat:KeepAliveInterval"] = TimeSpan.FromSeconds(1).ToString(),
        });
        async Task<string> TokenAsync() =>
            path == ChatExtensions.CustomerHubPath ? (await server.CreateVisitorAsync()).Token : (await server.CreateAgentAsync("Ada")).Token;
        using var pinging = await HandshakenAsync(server, path, await TokenAsync());
        using var stopPinging = new CancellationTokenSource();
        var pinger = PingUntilAsync(pinging, stopPinging.Token);
        var pingingClosed = DrainUntilClosedAsync(pinging);
        using var silent = await HandshakenAsync(server, path, await TokenAsync());

        var quiet = Stopwatch.StartNew(); // the handshake's answer is in: from here on the client sends nothing
        var (frames, closed) = (0, false);
        while (!closed && quiet.Elapsed < ClientTimeout + Margin)
        {
            closed = await ReceiveAsync(silent).WaitAsync(ClientTimeout + Margin) is null;
            frames += closed ? 0 : 1; // the server's pings
        }

        var closedAfter = quiet.Elapsed;
        await Task.Delay(Margin); // the pinging client outlives the silent one by more than a timeout's margin
        var pingingStayed = !pingingClosed.IsCompleted && pinging.State == WebSocketState.Open;
        await stopPinging.CancelAsync();
        await pinger;
        if (pinging.State == WebSocketState.Open)
        {
            await pinging.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }

        await pingingClosed.WaitAsync(HubServer.Timeout);

        Assert.True(closed, $"the server did not close a client silent for {closedAfter}");
        Assert.InRange(closedAfter, ClientTimeout - TimeSpan.FromMilliseconds(500), ClientTimeout + Margin); // and not before the timeout
        Assert.True(frames >= 1, "the server pinged the silent client before giving up on it");
        Assert.True(pingingStayed, "the client that kept pinging was closed");
    }

    /// <summary>A raw WebSocket that has completed SignalR's JSON handshake (and seen its empty answer).</summary>
    private static async Task<ClientWebSocket> HandshakenAsync(HubServer server, string path, string token)
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = path, Query = "access_token=" + token };
        await socket.ConnectAsync(uri.Uri, CancellationToken.None).WaitAsync(HubServer.Timeout);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
        Assert.Equal("{}\u001e", await ReceiveAsync(socket).WaitAsync(HubServer.Timeout));
        return socket;
    }

    /// <summary>A ping every half second (four per timeout) until stopped, or for at most 30 seconds.</summary>
    private static async Task PingUntilAsync(ClientWebSocket socket, CancellationToken stop)
    {
        var ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
        for (var i = 0; i < 60 && !stop.IsCancellationRequested && socket.State == WebSocketState.Open; i++)
        {
            await socket.SendAsync(ping, WebSocketMessageType.Text, true, CancellationToken.None);
            await Task.Delay(TimeSpan.FromMilliseconds(500), stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Reads (and drops) frames until the server closes the socket, for at most 30 seconds.</summary>
    private static async Task DrainUntilClosedAsync(ClientWebSocket socket)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromSeconds(30) && await ReceiveAsync(socket) is not null)
        {
        }
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

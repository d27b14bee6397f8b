using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Options;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// Closes a hub connection that has sent nothing for <see cref="ChatConnectionOptions.ClientTimeout"/>,
/// counted from the moment the transport is up. SignalR's own client timeout starts only with the
/// client's first message after the handshake, so a client that goes silent right after it (or never
/// completes it) would otherwise hold its connection open until the TCP connection dies. This runs in
/// front of both hubs (<see cref="ChatExtensions.MapChat"/>) and watches every byte the transport
/// hands the hub: the handshake, pings and invocations alike. Silence counts only while the hub is
/// waiting to read, so a client whose bytes wait behind a slow invocation is not cut off.
/// </summary>
internal sealed partial class SilentClientWatch(IOptions<ChatConnectionOptions> options, TimeProvider time, ILogger<SilentClientWatch> logger)
{
    private TimeSpan Timeout => options.Value.ClientTimeout;

    /// <summary>The connection middleware, for <c>IConnectionBuilder.Use</c>.</summary>
    public ConnectionDelegate InFrontOf(ConnectionDelegate next) => connection => RunAsync(connection, next);

    /// <summary>Wraps the transport's input, then runs the hub.</summary>
    private async Task RunAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var heartbeat = connection.Features.Get<IConnectionHeartbeatFeature>();
        if (heartbeat is null)
        {
            await next(connection);
            return;
        }

        var transport = connection.Transport;
        var reader = new ReceiveWatchingReader(transport.Input, time);
        connection.Transport = new WatchedTransport(reader, transport.Output);
        // The connection manager ticks every connection's heartbeat about once a second.
        heartbeat.OnHeartbeat(static state => ((Watched)state).Check(), new Watched(this, connection, reader));
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = transport;
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "Closed hub connection {ConnectionId}: nothing received from the client for {Timeout}")]
    private partial void LogSilentClientClosed(string connectionId, TimeSpan timeout);

    private sealed class Watched(SilentClientWatch watch, ConnectionContext connection, ReceiveWatchingReader reader)
    {
        private int closed;

        public void Check()
        {
            var timeout = watch.Timeout;
            if (reader.SilentFor() is not { } silence || silence < timeout || Interlocked.Exchange(ref closed, 1) == 1)
            {
                return;
            }

            watch.LogSilentClientClosed(connection.ConnectionId, timeout);
            connection.Abort(new ConnectionAbortedException($"Nothing received from the client for {timeout}."));
        }
    }

    private sealed record WatchedTransport(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}

using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Console;

/// <summary>
/// Twilio's Voice SDK signaling gateway (wss://host/signal), faked inside the browser by Playwright's
/// WebSocket routing, so nothing leaves the machine. It speaks as much of the SDK's protocol as
/// registering and ringing need (listen → connected, register → ready; invite and hangup to the
/// page) and records every message the page sends. There is no media: the SDK accepts a call once
/// its SDP answer is set, but no ICE peer ever answers and no audio flows.
/// </summary>
public sealed class FakeSignaling : IDisposable
{
    /// <summary>Loopback, and nothing listens there: the route answers before a socket is opened.</summary>
    public const string Host = "127.0.0.1:1";

    public const string Url = "wss://" + Host + "/signal";

    private readonly Lock gate = new();
    private IWebSocketRoute? socket;
    private Timer? heartbeat;
    private int listens;

    /// <summary>The token lifetime the first "connected" reports; the SDK warns (tokenWillExpire) 30 s before its end.</summary>
    public int FirstTokenTtlSeconds { get; init; } = 3600;

    public ConcurrentQueue<Message> Received { get; } = new();

    public void Attach(IWebSocketRoute route)
    {
        lock (gate)
        {
            socket = route;
            // The SDK reconnects after 15 s without a message: send Twilio's heartbeat.
            heartbeat ??= new Timer(_ => Send("\n"), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        }

        route.OnMessage(frame =>
        {
            if (frame.Text is not { Length: > 1 } text)
            {
                return; // a heartbeat's echo
            }

            var json = JsonNode.Parse(text)!.AsObject();
            var message = new Message(json["type"]!.GetValue<string>(), json["payload"]?.AsObject() ?? []);
            Received.Enqueue(message);
            switch (message.Type)
            {
                case "listen":
                    var ttl = Interlocked.Increment(ref listens) == 1 ? FirstTokenTtlSeconds : 3600;
                    var identity = IdentityOf(message.Payload["token"]!.GetValue<string>());
                    Send(Envelope("connected", new JsonObject { ["region"] = "gll", ["token"] = new JsonObject { ["identity"] = identity, ["ttl"] = ttl } }));
                    break;
                case "register" when WantsCalls(message):
                    Send(Envelope("ready", []));
                    break;
            }
        });
    }

    /// <summary>Rings the page as Twilio does when a TwiML Dial reaches the agent's client.</summary>
    public void Invite(string callSid, string from, string to, string sdp) =>
        Send(Envelope("invite", new JsonObject
        {
            ["callsid"] = callSid,
            ["sdp"] = sdp,
            ["parameters"] = new JsonObject { ["CallSid"] = callSid, ["From"] = from, ["To"] = to, ["AccountSid"] = ConsoleSettings.TwilioAccountSid },
        }));

    /// <summary>The far end left the call (for instance: the caller was moved to hold music).</summary>
    public void HangUp(string callSid) => Send(Envelope("hangup", new JsonObject { ["callsid"] = callSid }));

    public async Task<Message> WaitForAsync(string type, Func<Message, bool>? match = null)
    {
        var deadline = DateTime.UtcNow + HubServer.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Received.FirstOrDefault(m => m.Type == type && (match is null || match(m))) is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The page sent no '{type}' message to the signaling gateway.");
    }

    public void Dispose() => heartbeat?.Dispose();

    /// <summary>The identity in a Voice access token's grants, as Twilio reads it from the JWT.</summary>
    public static string IdentityOf(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        return json.RootElement.GetProperty("grants").GetProperty("identity").GetString()!;
    }

    private static bool WantsCalls(Message register) => register.Payload["media"]?["audio"] is JsonValue audio && audio.GetValue<bool>();

    private static string Envelope(string type, JsonObject payload) =>
        new JsonObject { ["type"] = type, ["version"] = "1.6", ["payload"] = payload }.ToJsonString();

    private void Send(string text)
    {
        lock (gate)
        {
            socket?.Send(text);
        }
    }

    public sealed record Message(string Type, JsonObject Payload)
    {
        public string? CallSid => Payload["callsid"]?.GetValue<string>();
    }
}

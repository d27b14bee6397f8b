using System.Collections.Concurrent;
using System.Text.Json;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// Twilio's real-time transcription callbacks into the call's transcript, in the order of their
/// SequenceId even when Twilio's requests overtake each other: a line that arrives early waits for
/// the ones before it (up to <see cref="MaxWait"/> or <see cref="MaxPending"/> lines). Repeated
/// callbacks store nothing twice. The order is kept per node: point one call's webhooks at one node.
/// </summary>
public sealed class LiveTranscription(CallTranscript transcript, TimeProvider time)
{
    public const string Started = "transcription-started";
    public const string Content = "transcription-content";
    public const string Stopped = "transcription-stopped";

    private const int MaxPending = 16;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(3);

    /// <summary>A transcription not heard from for this long lost its stopped event: its state is dropped.</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Stream> streams = new(StringComparer.Ordinal);

    /// <summary>The spoken text of a content callback's TranscriptionData; null when it has none.</summary>
    public static string? TextOf(string? transcriptionData)
    {
        if (string.IsNullOrWhiteSpace(transcriptionData))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(transcriptionData);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("transcript", out var transcript) && transcript.ValueKind == JsonValueKind.String
                ? transcript.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task ReceiveAsync(Conversation conversation, CallWebhook hook, CancellationToken ct)
    {
        var key = hook.TranscriptionSid ?? hook.CallSid;
        var now = time.GetUtcNow();
        foreach (var (idleKey, _) in streams.Where(s => now - s.Value.LastSeen > Idle))
        {
            streams.TryRemove(idleKey, out _);
        }

        var stream = streams.GetOrAdd(key, _ => new Stream());
        stream.LastSeen = now;
        await stream.Gate.WaitAsync(ct);
        try
        {
            var line = LineOf(hook);
            if (!long.TryParse(hook.SequenceId, out var seq))
            {
                if (line is not null)
                {
                    await WriteAsync(conversation, line, ct);
                }
            }
            else if (seq < stream.Next)
            {
                if (line is not null)
                {
                    await WriteAsync(conversation, line, ct); // late, after its gap was given up on
                }
            }
            else
            {
                stream.Pending[seq] = (line, time.GetUtcNow());
                await DrainAsync(conversation, stream, flush: hook.TranscriptionEvent == Stopped || Stalled(stream), ct);
            }

            if (hook.TranscriptionEvent == Stopped)
            {
                streams.TryRemove(key, out _);
            }
        }
        finally
        {
            stream.Gate.Release();
        }
    }

    private bool Stalled(Stream stream) =>
        stream.Pending.Count > MaxPending || (stream.Pending.Count > 0 && time.GetUtcNow() - stream.Pending.Values.Min(p => p.At) > MaxWait);

    private async Task DrainAsync(Conversation conversation, Stream stream, bool flush, CancellationToken ct)
    {
        while (stream.Pending.Count > 0)
        {
            var (seq, (line, _)) = stream.Pending.First();
            if (seq != stream.Next && !flush)
            {
                return; // an earlier line is still on its way
            }

            stream.Pending.Remove(seq);
            stream.Next = seq + 1;
            if (line is not null)
            {
                await WriteAsync(conversation, line, ct);
            }
        }
    }

    private Task WriteAsync(Conversation conversation, Line line, CancellationToken ct) =>
        transcript.AppendAsync(conversation, line.Caller, line.Id, line.Text, ct);

    private static Line? LineOf(CallWebhook hook)
    {
        if (hook.TranscriptionEvent != Content || string.Equals(hook.Final, "false", StringComparison.OrdinalIgnoreCase))
        {
            return null; // started, stopped, or a partial result that a final one will replace
        }

        var text = TextOf(hook.TranscriptionData)?.Trim();
        return string.IsNullOrEmpty(text)
            ? null
            : new Line($"tr-{hook.TranscriptionSid}-{hook.SequenceId}", hook.Track != "outbound_track", text[..Math.Min(text.Length, ChatLimits.MaxTextLength)]);
    }

    private sealed record Line(string Id, bool Caller, string Text);

    private sealed class Stream
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DateTimeOffset LastSeen { get; set; }

        /// <summary>Twilio numbers a transcription's callbacks from 1 (the started event).</summary>
        public long Next { get; set; } = 1;

        public SortedDictionary<long, (Line? Line, DateTimeOffset At)> Pending { get; } = [];
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// Twilio's real-time transcription callbacks into the call's transcript, in the order of their
/// SequenceId even when Twilio's requests overtake each other: a line that arrives early waits for
/// the ones before it, up to <see cref="MaxWait"/> (a timer then writes what is held, even when no
/// further callback comes) or <see cref="MaxPending"/> lines. <c>transcription-stopped</c> waits the
/// same for lines still on their way; <c>transcription-error</c> is noted. Repeated callbacks store
/// nothing twice. The order is kept per node: point one call's webhooks at one node.
/// </summary>
public sealed partial class LiveTranscription(CallTranscript transcript, TimeProvider time, ILogger<LiveTranscription> logger)
{
    public const string Started = "transcription-started";
    public const string Content = "transcription-content";
    public const string Stopped = "transcription-stopped";
    public const string Error = "transcription-error";

    /// <summary>How long a line waits for the ones before it (docs/twilio.md, section 6).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(3);

    private const int MaxPending = 16;

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

        if (hook.TranscriptionEvent == Error)
        {
            await transcript.NoteOnceAsync(
                conversation, $"trerr-{key}", $"The live transcription stopped with an error ({hook.TranscriptionError ?? "no reason given"}); later lines are missing.", ct);
        }

        var stream = streams.GetOrAdd(key, _ => new Stream());
        await stream.Gate.WaitAsync(ct);
        try
        {
            stream.LastSeen = now;
            stream.Conversation = conversation;
            var line = LineOf(hook);
            if (!long.TryParse(hook.SequenceId, out var seq) || seq < stream.Next)
            {
                if (line is not null)
                {
                    await WriteAsync(conversation, line, ct); // no order to keep, or late: after its gap was given up on
                }
            }
            else
            {
                stream.Pending[seq] = line;
                if (hook.TranscriptionEvent is Stopped or Error)
                {
                    stream.EndAt = seq;
                }

                await DrainAsync(stream, flush: stream.Pending.Count > MaxPending, ct);
            }

            Settle(key, stream);
        }
        finally
        {
            stream.Gate.Release();
        }
    }

    /// <summary>Done once every line up to the stopped event is written; otherwise a timer gives the held lines' predecessors <see cref="MaxWait"/>.</summary>
    private void Settle(string key, Stream stream)
    {
        if (stream.EndAt is { } end && stream.Next > end)
        {
            stream.Timer?.Dispose();
            streams.TryRemove(key, out _);
        }
        else if (stream.Pending.Count > 0 && stream.Timer is null)
        {
            stream.Timer = time.CreateTimer(_ => _ = FlushAsync(key, stream), null, MaxWait, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The wait is over: the held lines are written in order, whatever is still missing before them.</summary>
    private async Task FlushAsync(string key, Stream stream)
    {
        await stream.Gate.WaitAsync();
        try
        {
            stream.Timer?.Dispose();
            stream.Timer = null;
            await DrainAsync(stream, flush: true, CancellationToken.None);
            if (stream.EndAt is not null)
            {
                streams.TryRemove(key, out _);
            }
        }
        catch (Exception e)
        {
            LogFlushFailed(logger, e, key);
        }
        finally
        {
            stream.Gate.Release();
        }
    }

    private async Task DrainAsync(Stream stream, bool flush, CancellationToken ct)
    {
        while (stream.Pending.Count > 0)
        {
            var (seq, line) = stream.Pending.First();
            if (seq != stream.Next && !flush)
            {
                return; // an earlier line is still on its way
            }

            stream.Pending.Remove(seq);
            stream.Next = seq + 1;
            if (line is not null && stream.Conversation is { } conversation)
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
            return null; // started, stopped, an error, or a partial result that a final one will replace
        }

        var text = TextOf(hook.TranscriptionData)?.Trim();
        return string.IsNullOrEmpty(text)
            ? null
            : new Line($"tr-{hook.TranscriptionSid}-{hook.SequenceId}", hook.Track != "outbound_track", text[..Math.Min(text.Length, ChatLimits.MaxTextLength)]);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Held transcript lines of transcription {Key} could not be written")]
    private static partial void LogFlushFailed(ILogger logger, Exception e, string key);

    private sealed record Line(string Id, bool Caller, string Text);

    private sealed class Stream
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DateTimeOffset LastSeen { get; set; }

        public Conversation? Conversation { get; set; }

        /// <summary>Twilio numbers a transcription's callbacks from 1 (the started event).</summary>
        public long Next { get; set; } = 1;

        /// <summary>The SequenceId of the stopped (or error) event: the transcription's last.</summary>
        public long? EndAt { get; set; }

        public ITimer? Timer { get; set; }

        public SortedDictionary<long, Line?> Pending { get; } = [];
    }
}

using Microsoft.AspNetCore.Http.HttpResults;

namespace SupportHub.Server.Features.Calls;

/// <summary>Callbacks about a call in any phase: its live transcription, its recording, and its status (the end).</summary>
internal static class CallEventWebhooks
{
    public static async Task<NoContent> TranscriptionAsync(CallWebhook hook, KnownCall known, LiveTranscription transcription, CancellationToken ct)
    {
        await transcription.ReceiveAsync(known.Conversation, hook, ct);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> RecordingAsync(CallWebhook hook, KnownCall known, CallTranscript transcript, CancellationToken ct)
    {
        if (hook.RecordingStatus == "completed" && !string.IsNullOrEmpty(hook.RecordingUrl))
        {
            var key = "rec-" + (hook.RecordingSid ?? hook.IdempotencyToken ?? hook.RecordingUrl);
            await transcript.NoteOnceAsync(known.Conversation, key, $"Recording of the call ({CallWebhook.Seconds(hook.RecordingDuration) ?? 0} s): {hook.RecordingUrl}", ct);
        }

        return TypedResults.NoContent();
    }

    /// <summary>Every CallStatus: queued, ringing and in-progress change nothing; completed, busy, no-answer, failed and canceled end the call.</summary>
    [KnownCall.HarmlessWhenUnknown]
    public static async Task<NoContent> StatusAsync(CallWebhook hook, KnownCall known, EndCall end, CancellationToken ct)
    {
        if (EndCall.IsFinal(hook.CallStatus))
        {
            await end.EndAsync(known.Conversation, hook.CallStatus, ct);
        }

        return TypedResults.NoContent();
    }
}

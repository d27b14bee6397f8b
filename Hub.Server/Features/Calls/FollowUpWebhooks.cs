using Microsoft.AspNetCore.Http.HttpResults;
using Twilio.TwiML;

namespace SupportHub.Server.Features.Calls;

/// <summary>Nobody can take the call, or the caller left the queue: 1 for voicemail (recorded, transcribed), 2 for a callback. Both become a task of the ticket.</summary>
internal static class FollowUpWebhooks
{
    public static ContentHttpResult MessageMenu(CallWebhook hook, KnownCall known, CallTwiml twiml) => CallTwiml.Result(twiml.MessageMenu(new VoiceResponse()));

    public static async Task<ContentHttpResult> MessageAsync(CallWebhook hook, KnownCall known, CallFollowUp followUps, CallTwiml twiml, CancellationToken ct)
    {
        switch (hook.Digits?.Trim())
        {
            case "1":
                return CallTwiml.Result(twiml.RecordVoicemail());
            case "2":
                var request = known.Conversation.Call?.CallerNumber is { } number
                    ? $"Callback requested: please call {number} back."
                    : "Callback requested, but the caller's number is withheld: no number is known to call back.";
                var followUp = await followUps.CreateAsync(known.Conversation, request, ct);
                return CallTwiml.Result(twiml.Goodbye(twiml.Texts.CallbackSaved(CallTexts.Digits(followUp.TicketNumber))));
            default:
                return CallTwiml.Result(twiml.MessageMenu(new VoiceResponse()));
        }
    }

    public static async Task<ContentHttpResult> VoicemailAsync(CallWebhook hook, KnownCall known, CallFollowUp followUps, CallTwiml twiml, CancellationToken ct)
    {
        var seconds = CallWebhook.Seconds(hook.RecordingDuration) ?? 0;
        var number = known.Conversation.Call?.CallerNumber;
        var request = (string.IsNullOrEmpty(hook.RecordingUrl) || seconds <= 0, number) switch
        {
            (true, null) => "The voicemail was empty, and the caller's number is withheld: no number is known to call back.",
            (true, _) => $"The voicemail was empty: please call {number} back.",
            (false, null) => $"Voicemail from a withheld number (no number is known to call back) ({seconds} s): {hook.RecordingUrl}",
            (false, _) => $"Voicemail from {number} ({seconds} s): {hook.RecordingUrl}",
        };
        var followUp = await followUps.CreateAsync(known.Conversation, request, ct);
        return CallTwiml.Result(twiml.Goodbye(twiml.Texts.VoicemailSaved(CallTexts.Digits(followUp.TicketNumber))));
    }

    [KnownCall.FollowUp]
    public static async Task<NoContent> VoicemailTranscriptionAsync(CallWebhook hook, KnownCall known, CallTranscript transcript, CancellationToken ct)
    {
        if (hook.TranscriptionStatus == "completed" && !string.IsNullOrWhiteSpace(hook.TranscriptionText))
        {
            await transcript.AppendAsync(known.Conversation, caller: true, $"vm-{hook.TranscriptionSid ?? hook.RecordingSid}", hook.TranscriptionText.Trim(), ct);
        }
        else
        {
            var key = "vm-failed-" + (hook.TranscriptionSid ?? hook.RecordingSid ?? hook.IdempotencyToken ?? hook.CallSid);
            await transcript.NoteOnceAsync(known.Conversation, key, "The voicemail could not be transcribed; listen to the recording.", ct);
        }

        return TypedResults.NoContent();
    }
}

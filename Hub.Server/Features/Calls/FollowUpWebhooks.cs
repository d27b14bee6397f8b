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
                var followUp = await followUps.CreateAsync(known.Conversation, $"Callback requested: please call {hook.From} back.", ct);
                return CallTwiml.Result(twiml.Goodbye(twiml.Texts.CallbackSaved(CallTexts.Digits(followUp.TicketNumber))));
            default:
                return CallTwiml.Result(twiml.MessageMenu(new VoiceResponse()));
        }
    }

    public static async Task<ContentHttpResult> VoicemailAsync(CallWebhook hook, KnownCall known, CallFollowUp followUps, CallTwiml twiml, CancellationToken ct)
    {
        var seconds = CallWebhook.Seconds(hook.RecordingDuration) ?? 0;
        var request = string.IsNullOrEmpty(hook.RecordingUrl) || seconds <= 0
            ? $"The voicemail was empty: please call {hook.From} back."
            : $"Voicemail from {hook.From} ({seconds} s): {hook.RecordingUrl}";
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
            await transcript.NoteAsync(known.Conversation, "The voicemail could not be transcribed; listen to the recording.", ct);
        }

        return TypedResults.NoContent();
    }
}

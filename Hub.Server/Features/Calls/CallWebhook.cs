using System.Globalization;
using FluentValidation;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// The parameters of one Twilio voice webhook, read from its form body (the names are Twilio's).
/// Every endpoint reads the ones it needs; <see cref="CallWebhookValidator"/> checks all of them.
/// </summary>
public sealed class CallWebhook
{
    public string CallSid { get; init; } = "";

    public string From { get; init; } = "";

    public string CallStatus { get; init; } = "";

    /// <summary>The dialled party; for a call the console's browser phone places, what it asked for.</summary>
    public string? To { get; init; }

    /// <summary>A parameter the console's browser phone sends with a callback: the task it calls back for.</summary>
    public string? ConversationId { get; init; }

    /// <summary>Keys pressed; for Record's action the key that ended the recording, or "hangup".</summary>
    public string? Digits { get; init; }

    public string? SpeechResult { get; init; }

    /// <summary>Enqueue's action: bridged, bridging-in-process, leave, hangup, redirected, redirected-from-bridged, queue-full, system-error, error.</summary>
    public string? QueueResult { get; init; }

    /// <summary>Seconds the caller spent in the queue (Enqueue's action).</summary>
    public string? QueueTime { get; init; }

    /// <summary>Dial's action: completed, answered, busy, no-answer, failed or canceled.</summary>
    public string? DialCallStatus { get; init; }

    public string? RecordingSid { get; init; }

    public string? RecordingUrl { get; init; }

    public string? RecordingStatus { get; init; }

    public string? RecordingDuration { get; init; }

    public string? TranscriptionSid { get; init; }

    /// <summary>Real-time transcription: transcription-started, transcription-content, transcription-stopped, transcription-error.</summary>
    public string? TranscriptionEvent { get; init; }

    /// <summary>Real-time transcription: JSON with <c>transcript</c> and <c>confidence</c>.</summary>
    public string? TranscriptionData { get; init; }

    /// <summary>Real-time transcription: inbound_track (the caller) or outbound_track (the agent).</summary>
    public string? Track { get; init; }

    public string? Final { get; init; }

    public string? SequenceId { get; init; }

    /// <summary>A recording's transcription (Record's transcribeCallback).</summary>
    public string? TranscriptionText { get; init; }

    public string? TranscriptionStatus { get; init; }

    /// <summary>Real-time transcription's transcription-error event: what went wrong.</summary>
    public string? TranscriptionError { get; init; }

    /// <summary>
    /// Twilio's <c>I-Twilio-Idempotency-Token</c> header: the same for every retry of one callback. The
    /// key of a note whose event has no id of its own, so that a retry writes nothing twice.
    /// </summary>
    public string? IdempotencyToken { get; init; }

    public const string IdempotencyHeader = "I-Twilio-Idempotency-Token";

    /// <summary>Set in <see cref="HttpContext.Items"/> when the form could not be read for its size.</summary>
    public const string FormTooLargeKey = "hub.twilio.form-too-large";

    public static async ValueTask<CallWebhook?> BindAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return new CallWebhook();
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            // Too many fields or a field too long (Twilio sends neither): TwilioSignatureFilter answers 413.
            context.Items[FormTooLargeKey] = true;
            return new CallWebhook();
        }

        string? Get(string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;
        return new CallWebhook
        {
            CallSid = Get(nameof(CallSid)) ?? "",
            From = Get(nameof(From)) ?? "",
            CallStatus = Get(nameof(CallStatus)) ?? "",
            To = Get(nameof(To)),
            ConversationId = Get(nameof(ConversationId)),
            Digits = Get(nameof(Digits)),
            SpeechResult = Get(nameof(SpeechResult)),
            QueueResult = Get(nameof(QueueResult)),
            QueueTime = Get(nameof(QueueTime)),
            DialCallStatus = Get(nameof(DialCallStatus)),
            RecordingSid = Get(nameof(RecordingSid)),
            RecordingUrl = Get(nameof(RecordingUrl)),
            RecordingStatus = Get(nameof(RecordingStatus)),
            RecordingDuration = Get(nameof(RecordingDuration)),
            TranscriptionSid = Get(nameof(TranscriptionSid)),
            TranscriptionEvent = Get(nameof(TranscriptionEvent)),
            TranscriptionData = Get(nameof(TranscriptionData)),
            Track = Get(nameof(Track)),
            Final = Get(nameof(Final)),
            SequenceId = Get(nameof(SequenceId)),
            TranscriptionText = Get(nameof(TranscriptionText)),
            TranscriptionStatus = Get(nameof(TranscriptionStatus)),
            TranscriptionError = Get(nameof(TranscriptionError)),
            IdempotencyToken = context.Request.Headers.TryGetValue(IdempotencyHeader, out var token) ? token.ToString() : null,
        };
    }

    public static int? Seconds(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
}

internal sealed class CallWebhookValidator : AbstractValidator<CallWebhook>
{
    private const string CallSidPattern = "^CA[0-9a-fA-F]{32}$";
    private const string SecondsPattern = "^-?[0-9]{1,9}$";
    private const int MaxAddressLength = 512;
    private const int MaxSpeechLength = 20_000;

    public CallWebhookValidator()
    {
        RuleFor(w => w.CallSid).NotEmpty().WithMessage("CallSid is required.")
            .Matches(CallSidPattern).WithMessage("CallSid must be CA followed by 32 hex digits.");
        RuleFor(w => w.From).MaximumLength(MaxAddressLength); // a SIP From (sip:user@host;params) can be long
        RuleFor(w => w.CallStatus).MaximumLength(32);
        RuleFor(w => w.To).MaximumLength(MaxAddressLength);
        RuleFor(w => w.ConversationId).MaximumLength(64);
        RuleFor(w => w.Digits).Matches("^([0-9*#]{0,32}|hangup)$").When(w => w.Digits is not null)
            .WithMessage("Digits may hold only 0-9, * and #, at most 32, or be 'hangup'.");
        RuleFor(w => w.SpeechResult).MaximumLength(MaxSpeechLength); // Twilio sends what was said, however long
        RuleFor(w => w.QueueResult).MaximumLength(32);
        RuleFor(w => w.DialCallStatus).MaximumLength(32);
        RuleFor(w => w.RecordingUrl).Must(BeHttpsUrl).When(w => !string.IsNullOrEmpty(w.RecordingUrl))
            .WithMessage("RecordingUrl must be an absolute https URL.");
        RuleFor(w => w.TranscriptionData).MaximumLength(20_000);
        RuleFor(w => w.TranscriptionText).MaximumLength(20_000);
        RuleFor(w => w.TranscriptionError).MaximumLength(2_000);
        RuleFor(w => w.IdempotencyToken).MaximumLength(256);
        RuleFor(w => w.SequenceId).Matches("^[0-9]{1,18}$").When(w => !string.IsNullOrEmpty(w.SequenceId))
            .WithMessage("SequenceId must be a number.");
        RuleFor(w => w.QueueTime).Matches(SecondsPattern).When(w => !string.IsNullOrEmpty(w.QueueTime)).WithMessage("QueueTime is whole seconds.");
        RuleFor(w => w.RecordingDuration).Matches(SecondsPattern).When(w => !string.IsNullOrEmpty(w.RecordingDuration))
            .WithMessage("RecordingDuration is whole seconds.");
    }

    private static bool BeHttpsUrl(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// Every webhook path of the calls feature, in one place: <see cref="CallEndpoints"/> maps them and
/// <see cref="CallTwiml"/> builds the URLs Twilio is told to call from them, so the two cannot drift.
/// </summary>
public static class CallRoutes
{
    /// <summary>The prefix of every voice webhook; Twilio's voice URL is <see cref="Webhooks"/> + <see cref="Incoming"/>.</summary>
    public const string Webhooks = "/twilio/voice";

    // The caller's path: the menu, or a ticket number keyed in.
    public const string Incoming = "/incoming";
    public const string Menu = "/menu";
    public const string Ticket = "/ticket";

    // Waiting in Twilio's queue.
    public const string Wait = "/wait";
    public const string LeaveQueue = "/leave-queue";
    public const string QueueResult = "/queue-result";

    // Put through to an agent, or on hold.
    public const string DialResult = "/dial-result";
    public const string Hold = "/hold";

    // Nobody there: voicemail or callback.
    public const string MessageMenu = "/message-menu";
    public const string Message = "/message";
    public const string Voicemail = "/voicemail";
    public const string VoicemailTranscription = "/voicemail-transcription";

    // Callbacks about the call.
    public const string Transcription = "/transcription";
    public const string Recording = "/recording";
    public const string Status = "/status";

    /// <summary>The TwiML app's voice URL: a call the console's browser phone places.</summary>
    public const string Outgoing = "/outgoing";

    /// <summary>The console's Voice SDK access token (not a webhook).</summary>
    public const string Token = "/api/voice/token";

    /// <summary>The public URL of a webhook, as Twilio calls (and signs) it.</summary>
    public static Uri Url(TwilioOptions options, string webhook) => new(PublicUrl(options, webhook));

    /// <summary>The same as text; also while voice is off (no public address), for the start-up log.</summary>
    public static string PublicUrl(TwilioOptions options, string webhook) => options.PublicUrl(Webhooks + webhook);
}

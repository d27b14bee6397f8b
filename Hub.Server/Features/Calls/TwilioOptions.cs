namespace SupportHub.Server.Features.Calls;

/// <summary>Phone calls through Twilio (docs/twilio.md). Voice is off while AuthToken or PublicBaseUrl is empty.</summary>
public sealed class TwilioOptions
{
    public const string SectionName = "Hub:Twilio";

    public string AccountSid { get; set; } = "";

    /// <summary>Signs Twilio's webhooks and authenticates Hub's REST calls.</summary>
    public string AuthToken { get; set; } = "";

    /// <summary>The address Twilio reaches Hub at (https://support.example.com); webhook signatures are checked against it.</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>The caller id for calls Hub places; optional.</summary>
    public string? CallerId { get; set; }

    /// <summary>Language of the phone menu: en-US (default) or de-DE.</summary>
    public string Language { get; set; } = "en-US";

    /// <summary>Where Twilio's REST API is; tests point it at a loopback fake.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>An API key for the browser Voice SDK's access tokens (with ApiKeySecret and TwimlAppSid).</summary>
    public string? ApiKeySid { get; set; }

    public string? ApiKeySecret { get; set; }

    /// <summary>The TwiML app the browser client's calls use.</summary>
    public string? TwimlAppSid { get; set; }

    /// <summary>
    /// The phone menu's topics in key order: key 1 chooses the first, and so on (at most 9). Empty:
    /// the topics of Hub:Routing:Topics, sorted by name. Callers may also say a topic's name.
    /// </summary>
    public List<string> MenuTopics { get; set; } = [];

    /// <summary>Optional hold music for callers in the queue (an mp3 or wav URL); a spoken message when empty.</summary>
    public string? HoldMusicUrl { get; set; }

    /// <summary>Live transcription of answered calls into the transcript (Twilio real-time transcription); on by default.</summary>
    public bool Transcribe { get; set; } = true;

    /// <summary>Records answered calls (both sides, two channels); the recording's link goes into the transcript. Off by default: tell callers first where the law asks for it.</summary>
    public bool RecordCalls { get; set; }

    /// <summary>How long an accepted call rings the agent's browser or phone before the caller goes back to the queue.</summary>
    public int AgentRingSeconds { get; set; } = 20;

    /// <summary>Longest voicemail a caller can leave, in seconds: 2 to 120, the lengths Twilio transcribes.</summary>
    public int VoicemailMaxSeconds { get; set; } = 120;

    /// <summary>How long one REST request to Twilio (retries included) may take before Hub gives up on it.</summary>
    public TimeSpan RestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(AuthToken) && !string.IsNullOrWhiteSpace(PublicBaseUrl);

    public bool CanIssueTokens =>
        IsEnabled && !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(ApiKeySid)
        && !string.IsNullOrWhiteSpace(ApiKeySecret) && !string.IsNullOrWhiteSpace(TwimlAppSid);

    /// <summary>The public address of a webhook path, as Twilio calls (and signs) it.</summary>
    public string PublicUrl(string pathAndQuery) => PublicBaseUrl.TrimEnd('/') + pathAndQuery;
}

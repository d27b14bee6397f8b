namespace SupportHub.Tests.Console;

/// <summary>Routing fast enough for browser tests.</summary>
internal static class ConsoleSettings
{
    public const string TwilioAccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string TwilioAuthToken = "console-test-twilio-auth-token";
    public const string TwilioPublicBaseUrl = "https://hub.example.test";

    public static Dictionary<string, string?> FastRouting(TimeSpan? offerTimeout = null) => new()
    {
        ["Hub:Routing:SweepInterval"] = "00:00:00.100",
        ["Hub:Routing:OfferTimeout"] = (offerTimeout ?? TimeSpan.FromSeconds(30)).ToString("c"),
        ["Hub:Routing:Topics:billing"] = "billing",
    };

    /// <summary>Voice on, Twilio's REST API at <paramref name="twilioApi"/> (a loopback fake), and voice tokens for the browser phone.</summary>
    public static Dictionary<string, string?> Voice(Uri twilioApi)
    {
        var settings = FastRouting();
        settings["Hub:Routing:Topics:technical"] = "technical";
        settings["Hub:Twilio:AccountSid"] = TwilioAccountSid;
        settings["Hub:Twilio:AuthToken"] = TwilioAuthToken;
        settings["Hub:Twilio:PublicBaseUrl"] = TwilioPublicBaseUrl;
        settings["Hub:Twilio:ApiBaseUrl"] = twilioApi.ToString();
        settings["Hub:Twilio:ApiKeySid"] = "SK0123456789abcdef0123456789abcdef";
        settings["Hub:Twilio:ApiKeySecret"] = "console-test-api-key-secret-0123456789";
        settings["Hub:Twilio:TwimlAppSid"] = "AP0123456789abcdef0123456789abcdef";
        settings["Hub:Http:ConsoleConnectSources:0"] = "wss://" + FakeSignaling.Host; // the console's CSP lets it reach the fake

        return settings;
    }
}

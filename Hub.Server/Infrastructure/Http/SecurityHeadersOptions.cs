namespace SupportHub.Server.Infrastructure.Http;

/// <summary>Settings of the security headers (docs/security.md#behind-a-tls-proxy).</summary>
public sealed class SecurityHeadersOptions
{
    public const string SectionName = "Hub:Http";

    /// <summary>
    /// Further sources the console may connect to, added to its CSP connect-src (Hub itself and Twilio
    /// are always allowed), such as "wss://signal.example.com" for another voice signaling gateway.
    /// </summary>
    public List<string> ConsoleConnectSources { get; set; } = [];

    /// <summary>How long browsers remember to use HTTPS only (HSTS max-age).</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}

namespace SupportHub.Server.Infrastructure.Auth;

public sealed class AuthOptions
{
    public const string SectionName = "Hub:Auth";

    /// <summary>
    /// HMAC key (at least 32 characters) that signs visitor and agent tokens. When empty, a random key
    /// is created once in the data folder: fine for one node; several nodes must share a configured key.
    /// </summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "supporthub";

    public TimeSpan VisitorTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan AgentTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long after its expiry a token is still accepted over HTTP, for clocks that differ between nodes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}

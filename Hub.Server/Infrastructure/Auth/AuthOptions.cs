namespace SupportHub.Server.Infrastructure.Auth;

public sealed class AuthOptions
{
    public const string SectionName = "Hub:Auth";

    /// <summary>OWASP's figure for PBKDF2-HMAC-SHA512 (Password Storage Cheat Sheet, 2023 onwards).</summary>
    public const int DefaultPasswordHashIterations = 210_000;

    public const int MinimumPasswordHashIterations = 10_000;

    /// <summary>
    /// HMAC key (at least 32 characters) that signs visitor and agent tokens. When empty, a random key
    /// is created once in the data folder: fine for one node; several nodes must share a configured key.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Former signing keys (each at least 32 characters), accepted when checking tokens but never used to
    /// sign: a rotated key stays here until the tokens it signed have expired (docs/security.md#secrets-at-rest).
    /// </summary>
    public List<string> PreviousSigningKeys { get; set; } = [];

    /// <summary>
    /// PBKDF2 iterations of agent passwords (ASP.NET Core's V3 format: HMAC-SHA512, where OWASP asks for
    /// 210,000). A stored hash with fewer is upgraded at the next successful sign-in.
    /// </summary>
    public int PasswordHashIterations { get; set; } = DefaultPasswordHashIterations;

    public string Issuer { get; set; } = "supporthub";

    public TimeSpan VisitorTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan AgentTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long after its expiry a token is still accepted over HTTP, for clocks that differ between nodes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}

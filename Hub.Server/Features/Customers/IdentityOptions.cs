namespace SupportHub.Server.Features.Customers;

/// <summary>
/// Identity verification of a site's logged-in users (docs/security.md#widget-identity): the site's
/// server signs a short-lived JWT (the identity token) that names the user and the attributes it vouches for.
/// </summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Hub:Identity";

    /// <summary>The site's secret (at least 32 characters): identity tokens signed with HS256 by it are accepted.</summary>
    public string? Secret { get; set; }

    /// <summary>
    /// The site's public key (PEM, RSA or EC P-256): identity tokens signed with RS256 (RSA) or ES256 (EC)
    /// by its private key are accepted. Each key accepts its one algorithm only.
    /// </summary>
    public string? PublicKey { get; set; }

    /// <summary>The longest an identity token may be valid from now (its exp); longer ones are refused.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Legacy: also accept userId with userHash = hex(HMAC-SHA256(Secret, userId)), which never expires
    /// and signs no attributes. Off by default.
    /// </summary>
    public bool AllowLegacyHmac { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(Secret) || !string.IsNullOrWhiteSpace(PublicKey);
}

namespace SupportHub.Server.Features.Customers;

/// <summary>The <c>code</c> of POST /api/visitors' 401 problem details when an identity is refused (docs/protocol/http.md).</summary>
public static class IdentityErrors
{
    /// <summary>The token's signature, algorithm, key or claims are wrong (forged, altered, or not a JWT).</summary>
    public const string Invalid = "identity_invalid";

    /// <summary>The token's exp has passed: the site must sign a new one.</summary>
    public const string Expired = "identity_expired";

    /// <summary>The site configured no key for this kind of identity (or the legacy HMAC is off).</summary>
    public const string NotConfigured = "identity_not_configured";
}

// Wire contracts of /api/visitors (docs/protocol/http.md).
namespace SupportHub.Server.Features.Customers;

/// <param name="UserId">Legacy identity: the site's user id; needs <paramref name="UserHash"/> and Hub:Identity:AllowLegacyHmac.</param>
/// <param name="UserHash">Legacy identity: hex(HMAC-SHA256(site secret, UserId)), computed by the site's server.</param>
/// <param name="IdentityToken">The identity JWT signed by the site's server (sub, exp, optional name and email).</param>
public sealed record CreateVisitorRequest(string? Name, string? Email, string? UserId = null, string? UserHash = null, string? IdentityToken = null);

public sealed record VisitorSession(string CustomerId, string Token, DateTimeOffset ExpiresAt);

/// <param name="Verified">True for a site user whose identity was verified (identity token, or the legacy user hash).</param>
/// <param name="PhoneNumber">The number a caller called from (E.164); null for chat-only customers.</param>
/// <param name="NameVerified">True when Name is the one the site signed (the visitor cannot change it).</param>
/// <param name="EmailVerified">True when Email is the one the site signed (the visitor cannot change it).</param>
public sealed record CustomerDto(
    string Id, string? Name, string? Email, bool Verified, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? PhoneNumber,
    bool NameVerified = false, bool EmailVerified = false);

// Wire contracts of /api/visitors (docs/protocol/http.md).
namespace SupportHub.Server.Features.Customers;

/// <param name="UserId">The site's user id, for identity verification; needs <paramref name="UserHash"/>.</param>
/// <param name="UserHash">hex(HMAC-SHA256(site secret, UserId)), computed by the site's server.</param>
public sealed record CreateVisitorRequest(string? Name, string? Email, string? UserId = null, string? UserHash = null);

public sealed record VisitorSession(string CustomerId, string Token, DateTimeOffset ExpiresAt);

/// <param name="Verified">True for a site user whose identity was verified (identify with a user hash).</param>
/// <param name="PhoneNumber">The number a caller called from (E.164); null for chat-only customers.</param>
public sealed record CustomerDto(string Id, string? Name, string? Email, bool Verified, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? PhoneNumber);

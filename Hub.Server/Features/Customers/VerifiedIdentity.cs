namespace SupportHub.Server.Features.Customers;

/// <summary>
/// A site user proven by the site's signature. Name and Email are the signed attributes: null when the
/// token does not sign them (the legacy HMAC signs none).
/// </summary>
public sealed record VerifiedIdentity(string UserId, string? Name, string? Email);

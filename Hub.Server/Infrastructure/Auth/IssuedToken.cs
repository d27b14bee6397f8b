namespace SupportHub.Server.Infrastructure.Auth;

public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

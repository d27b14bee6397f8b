// Wire contracts of /api/visitors (docs/protocol.md).
namespace SupportHub.Server.Features.Customers;

public sealed record CreateVisitorRequest(string? Name, string? Email);

public sealed record VisitorSession(string CustomerId, string Token, DateTimeOffset ExpiresAt);

namespace SupportHub.Server.Features.Privacy;

/// <summary>Query of <c>GET /api/admin/customers?email=&amp;phone=&amp;externalId=</c>: customers matching any one of them.</summary>
public sealed record CustomerSearchQuery(string? Email, string? Phone, string? ExternalId);

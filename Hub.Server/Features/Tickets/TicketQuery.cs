namespace SupportHub.Server.Features.Tickets;

/// <summary>Query of <c>GET /api/tickets?customerId=</c>.</summary>
public sealed record TicketQuery(string? CustomerId);

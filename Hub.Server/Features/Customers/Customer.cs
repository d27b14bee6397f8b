namespace SupportHub.Server.Features.Customers;

public sealed class Customer
{
    public required string Id { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    /// <summary>The site's own user id, set only when the site proved it (identity verification by HMAC).</summary>
    public string? ExternalId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }
}

namespace SupportHub.Server.Features.Customers;

public sealed class Customer
{
    public required string Id { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    /// <summary>The site's own user id, set only when the site proved it (identity verification by HMAC).</summary>
    public string? ExternalId { get; set; }

    /// <summary>The number a phone customer calls from (E.164); null for customers met only in chat.</summary>
    public string? PhoneNumber { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>
    /// When an admin erased the customer: the personal fields are cleared and stay so (the store's
    /// replace refuses an erased customer), and the visitor token of this id starts nothing new.
    /// </summary>
    public DateTimeOffset? ErasedAt { get; set; }
}

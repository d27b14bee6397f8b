namespace SupportHub.Server.Features.Customers;

public sealed class Customer
{
    public required string Id { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }
}

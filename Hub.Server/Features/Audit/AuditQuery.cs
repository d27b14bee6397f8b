namespace SupportHub.Server.Features.Audit;

/// <summary>
/// Filters of <c>GET /api/audit</c>; every one that is set must match. <see cref="From"/> is
/// inclusive, <see cref="To"/> exclusive. <see cref="Before"/> is the <c>next</c> of the previous page.
/// </summary>
public sealed record AuditQuery(
    string? ActorId = null,
    string? Action = null,
    string? TargetType = null,
    string? TargetId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Before = null,
    int? Limit = null)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public int PageSize => Limit ?? DefaultLimit;
}

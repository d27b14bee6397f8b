using System.ComponentModel.DataAnnotations;

namespace SupportHub.Server.Infrastructure.Redis;

/// <summary>
/// The distributed ephemeral state (routing, presence) and the SignalR backplane. The connection
/// string is not part of this section: it is <c>ConnectionStrings:Redis</c>.
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Hub:Redis";

    /// <summary>Name under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "Redis";

    /// <summary>Filled from <c>ConnectionStrings:Redis</c>.</summary>
    [Required]
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Starts every key and the backplane's channels, so several hubs (or test runs) can share one
    /// Redis without seeing each other's state.
    /// </summary>
    [Required]
    public string KeyPrefix { get; set; } = "hub:";
}

using System.ComponentModel.DataAnnotations;

namespace SupportHub.Server.Infrastructure.Mongo;

/// <summary>
/// The distributed document store. The connection string is not part of this section: it is
/// <c>ConnectionStrings:MongoDb</c>, whose presence is what selects MongoDB over LiteDB.
/// </summary>
public sealed class MongoOptions
{
    public const string SectionName = "Hub:Mongo";

    /// <summary>Name under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "MongoDb";

    /// <summary>Filled from <c>ConnectionStrings:MongoDb</c>.</summary>
    [Required]
    public string? ConnectionString { get; set; }

    [Required]
    public string Database { get; set; } = "supporthub";
}

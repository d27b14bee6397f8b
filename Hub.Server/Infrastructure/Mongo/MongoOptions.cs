using System.Globalization;
using MongoDB.Driver;
using MongoWriteConcern = MongoDB.Driver.WriteConcern;

namespace SupportHub.Server.Infrastructure.Mongo;

/// <summary>
/// The distributed document store. The connection string is not part of this section: it is
/// <c>ConnectionStrings:MongoDb</c>, whose presence is what selects MongoDB over LiteDB.
/// Checked at start-up by <see cref="MongoOptionsValidator"/>.
/// </summary>
public sealed class MongoOptions
{
    public const string SectionName = "Hub:Mongo";

    /// <summary>Name under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "MongoDb";

    /// <summary>The database when neither the connection string nor <see cref="Database"/> names one.</summary>
    public const string DefaultDatabase = "supporthub";

    /// <summary>Filled from <c>ConnectionStrings:MongoDb</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The database, when the connection string names none (<c>mongodb://host/</c>). When both name
    /// one, they must agree; the server does not start otherwise.
    /// </summary>
    public string? Database { get; set; }

    /// <summary>
    /// How many members acknowledge a write before Hub acknowledges it to a client: <c>majority</c>
    /// (default; a write that a failover could roll back is never acknowledged) or a number of members
    /// from 1 up. Overrides any <c>w</c> in the connection string.
    /// </summary>
    public string WriteConcern { get; set; } = "majority";

    /// <summary>Whether a write is acknowledged only once it is in the on-disk journal. Overrides any <c>journal</c> in the connection string.</summary>
    public bool Journal { get; set; } = true;

    /// <summary>The database Hub uses: the connection string's, else <see cref="Database"/>, else <see cref="DefaultDatabase"/>.</summary>
    public string ResolveDatabaseName()
    {
        var fromUrl = MongoUrl.Create(ConnectionString).DatabaseName;
        return !string.IsNullOrEmpty(fromUrl) ? fromUrl
            : !string.IsNullOrWhiteSpace(Database) ? Database
            : DefaultDatabase;
    }

    /// <summary>The write concern every collection of the adapter uses.</summary>
    public MongoWriteConcern ResolveWriteConcern() =>
        (WriteConcern == "majority" ? MongoWriteConcern.WMajority : new MongoWriteConcern(int.Parse(WriteConcern, CultureInfo.InvariantCulture)))
            .With(journal: Journal);

    /// <summary>The client settings: the connection string's, with this section's write concern.</summary>
    public MongoClientSettings ToClientSettings()
    {
        var settings = MongoClientSettings.FromConnectionString(ConnectionString);
        settings.WriteConcern = ResolveWriteConcern();
        return settings;
    }
}

using SupportHub.Server.Infrastructure.Mongo;
using SupportHub.Server.Infrastructure.Redis;

namespace SupportHub.Server.Infrastructure;

/// <summary>Which adapters this node runs on, as configuration selects them and /health reports them.</summary>
public sealed record HubMode(string DocumentStore, string RoutingState)
{
    public const string LiteDb = "litedb";
    public const string MongoDb = "mongodb";
    public const string InProcess = "in-process";
    public const string Redis = "redis";

    public static HubMode From(IConfiguration configuration) => new(
        string.IsNullOrWhiteSpace(configuration.GetConnectionString(MongoOptions.ConnectionStringName)) ? LiteDb : MongoDb,
        string.IsNullOrWhiteSpace(configuration.GetConnectionString(RedisOptions.ConnectionStringName)) ? InProcess : Redis);
}

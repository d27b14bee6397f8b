using SupportHub.Server.Infrastructure.LiteDb;
using SupportHub.Server.Infrastructure.Mongo;

namespace SupportHub.Server.Infrastructure;

public static class StorageExtensions
{
    /// <summary>MongoDB when <c>ConnectionStrings:MongoDb</c> is set, otherwise the embedded LiteDB file.</summary>
    public static IHostApplicationBuilder AddDocumentStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiteDbOptions>().BindConfiguration(LiteDbOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var mongo = builder.Configuration.GetConnectionString(MongoOptions.ConnectionStringName);
        var mode = string.IsNullOrWhiteSpace(mongo) ? new HubMode("litedb") : new HubMode("mongodb");
        builder.Services.AddSingleton(mode);
        return mode.DocumentStore == "mongodb" ? builder.AddMongo() : builder.AddLiteDb();
    }
}

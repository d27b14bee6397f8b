using SupportHub.Server.Infrastructure.LiteDb;
using SupportHub.Server.Infrastructure.Mongo;
using SupportHub.Server.Infrastructure.Redis;

namespace SupportHub.Server.Infrastructure;

public static class StorageExtensions
{
    /// <summary>MongoDB when <c>ConnectionStrings:MongoDb</c> is set, otherwise the embedded LiteDB file.</summary>
    public static IHostApplicationBuilder AddDocumentStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiteDbOptions>().BindConfiguration(LiteDbOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var mode = HubMode.From(builder.Configuration);
        builder.Services.AddSingleton(mode);
        return mode.DocumentStore == HubMode.MongoDb ? builder.AddMongo() : builder.AddLiteDb();
    }

    /// <summary>Redis (routing state, presence, SignalR backplane) when <c>ConnectionStrings:Redis</c> is set; otherwise in-process.</summary>
    public static IHostApplicationBuilder AddEphemeralState(this IHostApplicationBuilder builder) =>
        HubMode.From(builder.Configuration).RoutingState == HubMode.Redis ? builder.AddRedis() : builder;
}

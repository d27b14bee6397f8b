using Microsoft.Extensions.Options;
using MongoDB.Driver;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Audit;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Infrastructure.Mongo;

public static class MongoExtensions
{
    /// <summary>
    /// The distributed document store. Call it when <c>ConnectionStrings:MongoDb</c> is set;
    /// start-up fails validation when it is not.
    /// </summary>
    public static IHostApplicationBuilder AddMongo(this IHostApplicationBuilder builder)
    {
        MongoMappings.EnsureRegistered();

        builder.Services.AddOptions<MongoOptions>()
            .BindConfiguration(MongoOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString = configuration.GetConnectionString(MongoOptions.ConnectionStringName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MongoOptions>, MongoOptionsValidator>();

        // The write concern is set on the client, so every database and collection taken from it has it.
        builder.Services.AddSingleton<IMongoClient>(services =>
            new MongoClient(services.GetRequiredService<IOptions<MongoOptions>>().Value.ToClientSettings()));
        builder.Services.AddSingleton(services =>
            services.GetRequiredService<IMongoClient>().GetDatabase(services.GetRequiredService<IOptions<MongoOptions>>().Value.ResolveDatabaseName()));

        builder.Services.AddSingleton<IConversationStore, MongoConversationStore>();
        builder.Services.AddSingleton<ITicketStore, MongoTicketStore>();
        builder.Services.AddSingleton<ICustomerStore, MongoCustomerStore>();
        builder.Services.AddSingleton<IAgentStore, MongoAgentStore>();
        builder.Services.AddSingleton<IAuditLog, MongoAuditLog>();
        builder.Services.AddHostedService<MongoIndexInitializer>();
        return builder;
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Audit;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Infrastructure.LiteDb;

public static class LiteDbExtensions
{
    /// <summary>The embedded document store: one LiteDB file in the data folder.</summary>
    public static IHostApplicationBuilder AddLiteDb(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<LiteDbContext>();
        builder.Services.TryAddSingleton<IDiskSync, LiteDbLogSync>();
        builder.Services.TryAddSingleton<DurableCommit>();
        builder.Services.AddSingleton<IConversationStore, LiteDbConversationStore>();
        builder.Services.AddSingleton<ITicketStore, LiteDbTicketStore>();
        builder.Services.AddSingleton<ICustomerStore, LiteDbCustomerStore>();
        builder.Services.AddSingleton<IAgentStore, LiteDbAgentStore>();
        builder.Services.AddSingleton<IAuditLog, LiteDbAuditLog>();
        return builder;
    }
}

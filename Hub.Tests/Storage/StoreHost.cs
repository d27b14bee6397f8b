using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Audit;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Tickets;
using SupportHub.Server.Infrastructure;

namespace SupportHub.Tests.Storage;

/// <summary>
/// The document-store ports exactly as the server composes them (<c>AddDocumentStore</c>), started
/// so that start-up work such as index creation runs; the configuration picks the adapter.
/// </summary>
public sealed class StoreHost : IAsyncDisposable
{
    private readonly IHost host;

    private StoreHost(IHost host) => this.host = host;

    public IConversationStore Conversations => host.Services.GetRequiredService<IConversationStore>();

    public ITicketStore Tickets => host.Services.GetRequiredService<ITicketStore>();

    public ICustomerStore Customers => host.Services.GetRequiredService<ICustomerStore>();

    public IAgentStore Agents => host.Services.GetRequiredService<IAgentStore>();

    public IAuditLog Audit => host.Services.GetRequiredService<IAuditLog>();

    public static async Task<StoreHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddDocumentStore();
        var host = builder.Build();
        await host.StartAsync();
        return new StoreHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}

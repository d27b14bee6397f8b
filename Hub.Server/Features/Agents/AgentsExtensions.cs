using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SupportHub.Server.Features.Agents;

public static class AgentsExtensions
{
    public static IHostApplicationBuilder AddAgents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);
        builder.Services.TryAddSingleton<IPasswordHasher<Agent>, PasswordHasher<Agent>>();
        builder.Services.AddSingleton<AgentAccounts>();
        builder.Services.AddHostedService<DemoAgentSeeder>();
        return builder;
    }
}

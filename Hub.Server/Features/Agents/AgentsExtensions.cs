using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SupportHub.Server.Features.Agents;

public static class AgentsExtensions
{
    public static IHostApplicationBuilder AddAgents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);
        builder.Services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<IPasswordHasher<Agent>, PasswordHasher<Agent>>();
        builder.Services.AddSingleton<AgentAccounts>();
        builder.Services.AddSingleton<DemoAccountPolicy>();
        builder.Services.AddSingleton<SessionValidator>();
        builder.Services.AddSingleton<ISessionsEndedListener>(services => services.GetRequiredService<SessionValidator>());
        builder.Services.TryAddSingleton<ISessionsEndedSignal, InProcessSessionsEndedSignal>(); // Redis, when configured, registered it first
        builder.Services.AddSingleton<SessionRevocation>();
        builder.Services.AddSingleton<TeamAdministration>();
        builder.Services.AddSingleton<PasswordLinks>();
        builder.Services.AddHostedService<DemoAgentSeeder>();
        return builder;
    }
}

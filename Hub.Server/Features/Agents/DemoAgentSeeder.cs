using Microsoft.Extensions.Options;

namespace SupportHub.Server.Features.Agents;

/// <summary>In Development only: one agent per level and a supervisor, so a newcomer can log in at once.</summary>
internal sealed partial class DemoAgentSeeder(
    AgentAccounts accounts,
    IOptions<DemoOptions> options,
    IHostEnvironment environment,
    ILogger<DemoAgentSeeder> logger) : IHostedService
{
    internal static readonly NewAgent[] DemoAgents =
    [
        new("ada@demo.hub", "Ada (1st level)", string.Empty, [AgentRole.Agent], [1], ["general", "billing"]),
        new("ben@demo.hub", "Ben (2nd level)", string.Empty, [AgentRole.Agent], [2], ["general", "technical"]),
        new("cleo@demo.hub", "Cleo (3rd level)", string.Empty, [AgentRole.Agent], [3], ["technical", "database"]),
        new("sam@demo.hub", "Sam (supervisor)", string.Empty, [AgentRole.Agent, AgentRole.Supervisor], [1, 2, 3], ["general"]),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() || !options.Value.SeedAgents)
        {
            return;
        }

        foreach (var demo in DemoAgents)
        {
            await accounts.CreateAsync(demo with { Password = options.Value.Password }, ct: cancellationToken);
            LogDemoAgent(demo.Email, demo.DisplayName);
        }

        LogDemoPassword(options.Value.Password);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Demo agent {Email} ({DisplayName})")]
    private partial void LogDemoAgent(string email, string displayName);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "Development: demo agents log in with the password '{Password}' (POST /api/auth/login). Never use this outside Development.")]
    private partial void LogDemoPassword(string password);
}

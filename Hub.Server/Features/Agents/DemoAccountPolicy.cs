namespace SupportHub.Server.Features.Agents;

/// <summary>
/// Demo accounts (<see cref="DemoAgentSeeder.DemoAgents"/>) exist for Development only. A data folder
/// first run in Development keeps them, so outside Development they are refused at sign-in and their
/// tokens on every request, whatever the store holds.
/// </summary>
public sealed partial class DemoAccountPolicy(IHostEnvironment environment, ILogger<DemoAccountPolicy> logger)
{
    private static readonly HashSet<string> DemoEmails =
        new(DemoAgentSeeder.DemoAgents.Select(a => a.Email), StringComparer.OrdinalIgnoreCase);

    /// <summary>True (and logged) when <paramref name="email"/> is a demo account outside Development.</summary>
    public bool Refuses(string email)
    {
        if (environment.IsDevelopment() || !DemoEmails.Contains(email.Trim()))
        {
            return false;
        }

        LogDemoAccountRefused(email.Trim(), environment.EnvironmentName);
        return true;
    }

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning,
        Message = "Refused demo account {Email}: demo accounts work only in Development (environment is {Environment}). Disable or delete it.")]
    private partial void LogDemoAccountRefused(string email, string environment);
}

namespace SupportHub.Server.Features.Agents;

public sealed class DemoOptions
{
    public const string SectionName = "Hub:Demo";

    /// <summary>Seeds demo agents with a known password. Honoured only in the Development environment.</summary>
    public bool SeedAgents { get; set; }

    public string Password { get; set; } = "hub-demo-2026";
}

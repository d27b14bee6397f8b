namespace SupportHub.Server.Features.Agents;

/// <summary>An account to create; an empty <see cref="Password"/> leaves it without one (an invitation sets it).</summary>
public sealed record NewAgent(
    string Email,
    string DisplayName,
    string Password,
    IReadOnlyList<AgentRole> Roles,
    IReadOnlyList<int> Levels,
    IReadOnlyList<string> Skills,
    int ChatCapacity = 3,
    int VoiceCapacity = 1);

namespace SupportHub.Server.Features.Agents;

public sealed record NewAgent(
    string Email,
    string DisplayName,
    string Password,
    IReadOnlyList<AgentRole> Roles,
    IReadOnlyList<int> Levels,
    IReadOnlyList<string> Skills,
    int ChatCapacity = 3);

using SupportHub.Server.Features.Agents;

namespace SupportHub.Server.Features.Routing;

/// <summary>The parts of an agent's account the router matches on, copied into the routing state.</summary>
public sealed record AgentProfileSnapshot(
    string AgentId, string DisplayName, IReadOnlyList<int> Levels, IReadOnlyList<string> Skills, int ChatCapacity, int VoiceCapacity)
{
    public static AgentProfileSnapshot From(Agent agent) =>
        new(agent.Id, agent.DisplayName, agent.Levels, agent.Skills, agent.ChatCapacity, agent.VoiceCapacity);
}

namespace SupportHub.Server.Features.Agents;

/// <summary>The fields of an account an admin edits, written together by <see cref="IAgentStore.UpdateProfileAsync"/>.</summary>
public sealed record AgentProfileChange(
    string DisplayName,
    IReadOnlyList<AgentRole> Roles,
    IReadOnlyList<int> Levels,
    IReadOnlyList<string> Skills,
    int ChatCapacity,
    int VoiceCapacity);

// Wire contracts of /api/admin/agents and the password endpoints of /api/auth (docs/protocol/http.md).
namespace SupportHub.Server.Features.Agents;

/// <summary>An account as admins and supervisors see it.</summary>
public sealed record AgentAccountDto(
    string Id,
    string Email,
    string DisplayName,
    IReadOnlyList<AgentRole> Roles,
    IReadOnlyList<int> Levels,
    IReadOnlyList<string> Skills,
    int ChatCapacity,
    int VoiceCapacity,
    bool Disabled,
    bool PasswordSet,
    DateTimeOffset? InvitationExpiresAt,
    DateTimeOffset CreatedAt)
{
    public static AgentAccountDto From(Agent a) => new(
        a.Id, a.Email, a.DisplayName, a.Roles, a.Levels, a.Skills, a.ChatCapacity, a.VoiceCapacity, a.Disabled,
        !string.IsNullOrEmpty(a.PasswordHash), a.InvitationHash is null ? null : a.InvitationExpiresAt, a.CreatedAt);
}

/// <summary>Without a password the answer carries a one-time link with which the new agent sets one.</summary>
public sealed record CreateAgentRequest(
    string Email,
    string DisplayName,
    string? Password,
    IReadOnlyList<AgentRole> Roles,
    IReadOnlyList<int> Levels,
    IReadOnlyList<string> Skills,
    int ChatCapacity,
    int VoiceCapacity);

public sealed record UpdateAgentRequest(
    string DisplayName,
    IReadOnlyList<AgentRole> Roles,
    IReadOnlyList<int> Levels,
    IReadOnlyList<string> Skills,
    int ChatCapacity,
    int VoiceCapacity);

/// <summary>A one-time link: <see cref="Path"/> (append it to the Hub's address) opens the console's set-password page.</summary>
public sealed record PasswordLink(string Token, string Path, DateTimeOffset ExpiresAt);

public sealed record CreatedAgent(AgentAccountDto Agent, PasswordLink? Link);

public sealed record AcceptInvitationRequest(string Password);

public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

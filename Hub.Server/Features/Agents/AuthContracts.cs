// Wire contracts of /api/auth (docs/protocol/http.md).
namespace SupportHub.Server.Features.Agents;

public sealed record LoginRequest(string Email, string Password);

public sealed record LoginResult(string Token, DateTimeOffset ExpiresAt, AgentProfile Agent);

public sealed record AgentProfile(
    string Id,
    string Email,
    string DisplayName,
    IReadOnlyList<AgentRole> Roles,
    IReadOnlyList<int> Levels,
    IReadOnlyList<string> Skills,
    int ChatCapacity,
    int VoiceCapacity,
    string? PhoneNumber = null)
{
    public static AgentProfile From(Agent a) =>
        new(a.Id, a.Email, a.DisplayName, a.Roles, a.Levels, a.Skills, a.ChatCapacity, a.VoiceCapacity, a.PhoneNumber);
}

/// <summary>The phone accepted calls ring; null or empty: the console's browser phone.</summary>
public sealed record SetPhoneRequest(string? PhoneNumber);

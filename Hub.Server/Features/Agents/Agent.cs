namespace SupportHub.Server.Features.Agents;

public sealed class Agent
{
    public required string Id { get; set; }

    /// <summary>Login name; stored lower-case, unique.</summary>
    public required string Email { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>
    /// Hashed by ASP.NET Core's PasswordHasher; never the password itself. Empty while an invitation or
    /// reset is open. Written by <see cref="IAgentStore.TrySetPasswordHashAsync"/> and the invitation steps.
    /// </summary>
    public required string PasswordHash { get; set; }

    public List<AgentRole> Roles { get; set; } = [AgentRole.Agent];

    /// <summary>Support levels this agent works at (1 = first level).</summary>
    public List<int> Levels { get; set; } = [1];

    public List<string> Skills { get; set; } = [];

    /// <summary>Chats at once.</summary>
    public int ChatCapacity { get; set; } = 3;

    /// <summary>Calls at once.</summary>
    public int VoiceCapacity { get; set; } = 1;

    /// <summary>When set (E.164, e.g. +4930123456), accepted calls ring this phone instead of the console's browser phone.</summary>
    public string? PhoneNumber { get; set; }

    /// <summary>Written only by <see cref="IAgentStore.SetDisabledAsync"/>, never by a replace.</summary>
    public bool Disabled { get; set; }

    /// <summary>
    /// Tokens carry the version they were issued at (<c>sv</c>); raising it ends every session of the
    /// agent at once: logout, disable, password change or reset, role change. Never written by a replace.
    /// </summary>
    public int SessionVersion { get; set; }

    /// <summary>SHA-256 (hex) of the open one-time invitation or reset link; null when none is open.</summary>
    public string? InvitationHash { get; set; }

    public DateTimeOffset? InvitationExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The presence status the router last gave the agent (a routing status name: Available, Busy,
    /// Away or Offline), kept so that a restart can give it back; null until the first change.
    /// Written only by <see cref="IAgentStore.SetPresenceAsync"/>, never by a replace.
    /// </summary>
    public string? Presence { get; set; }

    /// <summary>When <see cref="Presence"/> was set; an older change never overwrites a newer one.</summary>
    public DateTimeOffset? PresenceChangedAt { get; set; }
}

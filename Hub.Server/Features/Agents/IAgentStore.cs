namespace SupportHub.Server.Features.Agents;

/// <summary>Agents. Every adapter passes AgentStoreContract.</summary>
public interface IAgentStore
{
    /// <summary>False when an agent with the same e-mail exists; nothing is written then.</summary>
    Task<bool> TryCreateAsync(Agent agent, CancellationToken ct = default);

    Task<Agent?> GetAsync(string id, CancellationToken ct = default);

    Task<Agent?> GetByEmailAsync(string email, CancellationToken ct = default);

    Task<IReadOnlyList<Agent>> ListAsync(CancellationToken ct = default);

    /// <summary>
    /// Replaces the account's profile fields. The stored presence, password hash, disabled flag, session
    /// version and invitation are kept: each has its own atomic step, so a copy read earlier cannot undo them.
    /// </summary>
    Task<bool> ReplaceAsync(Agent agent, CancellationToken ct = default);

    /// <summary>
    /// Records the agent's presence as of <paramref name="at"/> in one atomic step. False when the
    /// agent does not exist or holds a change newer than <paramref name="at"/>, which is kept: when two
    /// nodes write at once, the later change wins whatever order the writes arrive in.
    /// </summary>
    Task<bool> SetPresenceAsync(string id, string status, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Sets the profile an admin edits; with <paramref name="endSessions"/> also raises the session version. Null: no such agent.</summary>
    Task<Agent?> UpdateProfileAsync(string id, AgentProfileChange change, bool endSessions, CancellationToken ct = default);

    /// <summary>Disables (and raises the session version) or enables the agent. False: no such agent.</summary>
    Task<bool> SetDisabledAsync(string id, bool disabled, CancellationToken ct = default);

    /// <summary>Raises the session version by one, atomically: every token issued before is refused. Null: no such agent.</summary>
    Task<int?> EndSessionsAsync(string id, CancellationToken ct = default);

    /// <summary>
    /// Compare-and-set of the password hash: written only while the stored hash is still
    /// <paramref name="expectedHash"/>; closes any open invitation; with <paramref name="endSessions"/>
    /// also raises the session version. The agent as written, or null when the hash changed meanwhile.
    /// </summary>
    Task<Agent?> TrySetPasswordHashAsync(string id, string expectedHash, string newHash, bool endSessions, CancellationToken ct = default);

    /// <summary>Clears the password, opens a one-time link (its hash) until <paramref name="expiresAt"/> and raises the session version.</summary>
    Task<bool> ResetPasswordAsync(string id, string invitationHash, DateTimeOffset expiresAt, CancellationToken ct = default);

    /// <summary>
    /// Uses a one-time link in ONE conditional update: only an enabled agent whose open link has this
    /// hash and has not expired at <paramref name="now"/> matches; the link is closed, the password set
    /// and the session version raised. Of two uses at once exactly one wins; null for the other.
    /// </summary>
    Task<Agent?> ConsumeInvitationAsync(string invitationHash, DateTimeOffset now, string passwordHash, CancellationToken ct = default);
}

namespace SupportHub.Server.Features.Agents;

/// <summary>Agents. Every adapter passes AgentStoreContract.</summary>
public interface IAgentStore
{
    /// <summary>False when an agent with the same e-mail exists; nothing is written then.</summary>
    Task<bool> TryCreateAsync(Agent agent, CancellationToken ct = default);

    Task<Agent?> GetAsync(string id, CancellationToken ct = default);

    Task<Agent?> GetByEmailAsync(string email, CancellationToken ct = default);

    Task<IReadOnlyList<Agent>> ListAsync(CancellationToken ct = default);

    /// <summary>Replaces the account; the stored presence is kept, so a copy read earlier cannot undo a change of it.</summary>
    Task<bool> ReplaceAsync(Agent agent, CancellationToken ct = default);

    /// <summary>
    /// Records the agent's presence as of <paramref name="at"/> in one atomic step. False when the
    /// agent does not exist or holds a change newer than <paramref name="at"/>, which is kept: when two
    /// nodes write at once, the later change wins whatever order the writes arrive in.
    /// </summary>
    Task<bool> SetPresenceAsync(string id, string status, DateTimeOffset at, CancellationToken ct = default);
}

namespace SupportHub.Server.Features.Agents;

/// <summary>Agents. Every adapter passes AgentStoreContract.</summary>
public interface IAgentStore
{
    /// <summary>False when an agent with the same e-mail exists; nothing is written then.</summary>
    Task<bool> TryCreateAsync(Agent agent, CancellationToken ct = default);

    Task<Agent?> GetAsync(string id, CancellationToken ct = default);

    Task<Agent?> GetByEmailAsync(string email, CancellationToken ct = default);

    Task<IReadOnlyList<Agent>> ListAsync(CancellationToken ct = default);

    Task<bool> ReplaceAsync(Agent agent, CancellationToken ct = default);
}

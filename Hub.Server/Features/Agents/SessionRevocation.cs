namespace SupportHub.Server.Features.Agents;

/// <summary>Ends every session of an agent: the session version is raised in the store, then every node closes its connections.</summary>
public sealed class SessionRevocation(IAgentStore store, ISessionsEndedSignal signal)
{
    /// <returns>False when the agent does not exist.</returns>
    public async Task<bool> EndAllAsync(string agentId, CancellationToken ct = default)
    {
        if (await store.EndSessionsAsync(agentId, ct) is null)
        {
            return false;
        }

        await signal.PublishAsync(agentId, ct);
        return true;
    }

    /// <summary>After a store step that raised the version itself (disable, password, roles): close the connections.</summary>
    public Task AnnounceAsync(string agentId, CancellationToken ct = default) => signal.PublishAsync(agentId, ct);
}

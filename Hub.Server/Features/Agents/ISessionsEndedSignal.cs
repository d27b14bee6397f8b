namespace SupportHub.Server.Features.Agents;

/// <summary>
/// Tells every node that an agent's sessions have ended (its session version was raised), so each
/// closes the agent's hub connections it holds at once: in-process in embedded mode, over Redis
/// pub/sub when Redis is configured.
/// </summary>
public interface ISessionsEndedSignal
{
    /// <summary>Reaches this node's <see cref="ISessionsEndedListener"/>s before it returns, the other nodes' soon after.</summary>
    Task PublishAsync(string agentId, CancellationToken ct = default);
}

namespace SupportHub.Server.Features.Agents;

/// <summary>Called once when an admin disables an agent; the routing feature takes the agent offline with it.</summary>
public interface IAgentDisabledHook
{
    Task AgentDisabledAsync(string agentId, CancellationToken ct = default);
}

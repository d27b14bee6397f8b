using SupportHub.Server.Features.Agents;

namespace SupportHub.Server.Features.Routing;

/// <summary>A disabled agent goes offline at once, as if it logged out: its offers and conversations are handed on.</summary>
internal sealed class DisabledAgentOffline(PresenceService presence) : IAgentDisabledHook
{
    public Task AgentDisabledAsync(string agentId, CancellationToken ct = default) =>
        presence.SetStatusAsync(agentId, PresenceStatus.Offline);
}

using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Agents;

namespace SupportHub.Server.Features.Routing;

/// <summary>
/// Presence follows the agent, not a browser tab: every device's connection keeps the agent online
/// with heartbeats; only when none is left for the grace period does the router take it offline.
/// </summary>
public sealed class PresenceService(
    IRoutingState state, RoutingEngine engine, IOptions<RoutingOptions> options, TimeProvider time, RoutingTrigger trigger)
{
    public async Task ConnectedAsync(Agent agent, string connectionId)
    {
        var now = time.GetUtcNow();
        await state.RegisterAgentAsync(
            new AgentProfileSnapshot(agent.Id, agent.DisplayName, agent.Levels, agent.Skills, agent.ChatCapacity, agent.VoiceCapacity), now);
        await state.TouchConnectionAsync(agent.Id, connectionId, now + options.Value.HeartbeatTimeout);
        trigger.Kick();
    }

    public Task HeartbeatAsync(string agentId, string connectionId) =>
        state.TouchConnectionAsync(agentId, connectionId, time.GetUtcNow() + options.Value.HeartbeatTimeout);

    public async Task DisconnectedAsync(string agentId, string connectionId)
    {
        await state.DropConnectionAsync(agentId, connectionId, time.GetUtcNow());
        trigger.Kick();
    }

    /// <summary>Available, busy or away as the agent chooses; offline is logging out, at once.</summary>
    public async Task<PresenceDto> SetStatusAsync(string agentId, PresenceStatus status)
    {
        await engine.SetStatusAsync(agentId, status);
        trigger.Kick();
        return await GetAsync(agentId);
    }

    public async Task<PresenceDto> GetAsync(string agentId)
    {
        var presence = await state.GetAgentAsync(agentId, time.GetUtcNow());
        return presence is null
            ? new PresenceDto(agentId, string.Empty, PresenceStatus.Offline, 0, [], [], 0, 0, 0, 0)
            : PresenceDto.From(presence);
    }

    public async Task<IReadOnlyList<PresenceDto>> ListAsync() =>
        [.. (await state.GetAgentsAsync(time.GetUtcNow())).Select(PresenceDto.From)];
}

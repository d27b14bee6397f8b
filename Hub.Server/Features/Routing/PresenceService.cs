using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Agents;

namespace SupportHub.Server.Features.Routing;

/// <summary>
/// Presence follows the agent, not a browser tab: every device's connection keeps the agent online
/// with heartbeats; only when none is left for the grace period does the router take it offline.
/// </summary>
public sealed class PresenceService(
    IRoutingState state, RoutingEngine engine, IAgentStore agents, IOptions<RoutingOptions> options, TimeProvider time, RoutingTrigger trigger)
{
    /// <summary>
    /// An agent the routing state does not know (the first connect after a restart, or after Redis lost
    /// its data) starts with the status it last had, not Offline: the console shows what the router does.
    /// </summary>
    public async Task ConnectedAsync(Agent agent, string connectionId)
    {
        var now = time.GetUtcNow();
        await state.RegisterAgentAsync(AgentProfileSnapshot.From(agent), now, RecordedPresence.Of(agent));
        await state.TouchConnectionAsync(agent.Id, connectionId, now + options.Value.HeartbeatTimeout);
        trigger.Kick();
    }

    /// <summary>A heartbeat for an agent the state lost (Redis restarted) registers it again, as a connect does.</summary>
    public async Task HeartbeatAsync(string agentId, string connectionId)
    {
        if (await state.TouchConnectionAsync(agentId, connectionId, time.GetUtcNow() + options.Value.HeartbeatTimeout))
        {
            return;
        }

        if (await agents.GetAsync(agentId) is { Disabled: false } agent)
        {
            await ConnectedAsync(agent, connectionId);
        }
    }

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

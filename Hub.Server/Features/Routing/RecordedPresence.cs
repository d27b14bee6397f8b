using SupportHub.Server.Features.Agents;

namespace SupportHub.Server.Features.Routing;

/// <summary>
/// The presence kept on the agent's account (<see cref="IAgentStore.SetPresenceAsync"/>) each time the
/// router changes it, so that a restart, or a Redis that lost its data, can give it back.
/// </summary>
public static class RecordedPresence
{
    /// <summary>Offline when nothing (or nothing known) was recorded.</summary>
    public static PresenceStatus Of(Agent agent) =>
        Enum.TryParse<PresenceStatus>(agent.Presence, ignoreCase: false, out var status) && Enum.IsDefined(status) ? status : PresenceStatus.Offline;
}

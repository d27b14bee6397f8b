namespace SupportHub.Server.Features.Routing;

/// <summary>What the router knows of an agent: profile for matching, presence, and load.</summary>
public sealed record AgentPresence
{
    public required string AgentId { get; init; }

    public string DisplayName { get; init; } = string.Empty;

    public PresenceStatus Status { get; init; }

    public IReadOnlyList<int> Levels { get; init; } = [];

    public IReadOnlyList<string> Skills { get; init; } = [];

    public int ChatCapacity { get; init; }

    public int VoiceCapacity { get; init; }

    /// <summary>Conversations offered to or held by the agent, per channel.</summary>
    public int ChatLoad { get; init; }

    public int VoiceLoad { get; init; }

    /// <summary>
    /// The agent's last routing activity: becoming available, taking a conversation, or letting an
    /// offer go. The longest idle is offered first, so work rotates and a declining agent goes last.
    /// </summary>
    public DateTimeOffset IdleSince { get; init; }

    public int MissedOffers { get; init; }

    /// <summary>Connections (devices, tabs) heard from within the heartbeat timeout.</summary>
    public int LiveConnections { get; init; }

    /// <summary>Since when no connection is live; null while one is.</summary>
    public DateTimeOffset? DisconnectedSince { get; init; }
}

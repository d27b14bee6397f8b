using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Routing;

/// <summary>A conversation waiting for an agent: TaskRouter's task, kept in the routing state.</summary>
public sealed record RoutingTask
{
    public required string ConversationId { get; init; }

    public Channel Channel { get; init; }

    public string? Skill { get; init; }

    /// <summary>Higher first.</summary>
    public int Priority { get; init; }

    /// <summary>Index into the workflow; <see cref="ExplicitLevel"/> when an agent escalated to <see cref="Level"/>.</summary>
    public int TargetIndex { get; init; }

    public int Level { get; init; } = 1;

    /// <summary>Queue order within a priority: older first. A requeued conversation keeps its first time, so it is first in line.</summary>
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>When the current target started; its timeout counts from here.</summary>
    public DateTimeOffset TargetSince { get; init; }

    /// <summary>Sticky routing and transfers: only this agent is offered the task until <see cref="PreferredUntil"/>.</summary>
    public string? PreferredAgentId { get; init; }

    public DateTimeOffset? PreferredUntil { get; init; }

    public string? OfferedTo { get; init; }

    public DateTimeOffset? OfferDeadline { get; init; }

    public const int ExplicitLevel = -1;
}

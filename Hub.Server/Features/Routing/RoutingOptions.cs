namespace SupportHub.Server.Features.Routing;

/// <summary>Support levels, presence timing, offers and the workflow (docs/routing.md). Checked at start-up.</summary>
public sealed class RoutingOptions
{
    public const string SectionName = "Hub:Routing";

    /// <summary>Support levels 1..Levels (1 = first level).</summary>
    public int Levels { get; set; } = 3;

    /// <summary>How long an agent has to accept an offer.</summary>
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This many offers missed in a row set the agent away.</summary>
    public int MaxMissedOffers { get; set; } = 3;

    /// <summary>A connection not heard from for this long counts as gone.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>An agent without any live connection goes offline after this long.</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A returning customer's conversation waits this long for its last agent first.</summary>
    public TimeSpan StickyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the router looks at timeouts, offers and presence even when nothing happens.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often each node compares every agent's load with what the agent holds in the document store
    /// plus its open offers (<see cref="LoadReconciler"/>); a difference seen twice in a row is repaired.
    /// </summary>
    public TimeSpan LoadReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Typical time an agent needs per conversation; drives the customers' wait estimates.</summary>
    public TimeSpan AverageHandleTime { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>When support is staffed; null means always.</summary>
    public BusinessHours? BusinessHours { get; set; }

    /// <summary>Conversation topics mapped to skills (e.g. "billing" to "billing").</summary>
    public Dictionary<string, string> Topics { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Ordered targets; empty means level 1, then 2, then 3, each with the task's skill.</summary>
    public List<WorkflowTarget> Workflow { get; set; } = [];

    /// <summary>Where a conversation waits once every target has timed out.</summary>
    public WorkflowTarget? DefaultTarget { get; set; }

    public IReadOnlyList<WorkflowTarget> EffectiveWorkflow =>
        Workflow.Count > 0 ? Workflow : [.. Enumerable.Range(1, Levels).Select(l => new WorkflowTarget { Level = l, SkipIfNobodyAvailable = l < Levels })];

    public WorkflowTarget EffectiveDefaultTarget => DefaultTarget ?? EffectiveWorkflow[^1];
}

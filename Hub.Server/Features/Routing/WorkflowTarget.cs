namespace SupportHub.Server.Features.Routing;

/// <summary>One step of the workflow, like a TaskRouter workflow target.</summary>
public sealed class WorkflowTarget
{
    public int Level { get; set; } = 1;

    /// <summary>
    /// Which agents of the level qualify: <c>task.skill</c> (they must have the conversation's skill,
    /// when it has one), <c>any</c>, or a comma-separated list of skills of which they need one.
    /// </summary>
    public string Skills { get; set; } = SkillExpression.TaskSkill;

    /// <summary>How long a conversation waits at this target before it moves to the next one.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Move on at once when no qualifying agent of this target is online.</summary>
    public bool SkipIfNobodyAvailable { get; set; }
}

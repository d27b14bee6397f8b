namespace SupportHub.Server.Features.Routing;

/// <summary>The small skill language of workflow targets.</summary>
public static class SkillExpression
{
    public const string TaskSkill = "task.skill";
    public const string Any = "any";

    public static bool IsValid(string? expression) =>
        !string.IsNullOrWhiteSpace(expression)
        && (expression == TaskSkill || expression == Any || expression.Split(',').All(s => !string.IsNullOrWhiteSpace(s)));

    public static bool Matches(string expression, string? taskSkill, IReadOnlyCollection<string> agentSkills) => expression switch
    {
        Any => true,
        TaskSkill => taskSkill is null || agentSkills.Contains(taskSkill, StringComparer.OrdinalIgnoreCase),
        _ => expression.Split(',', StringSplitOptions.TrimEntries).Any(s => agentSkills.Contains(s, StringComparer.OrdinalIgnoreCase)),
    };
}

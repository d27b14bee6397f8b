using FluentValidation;

namespace SupportHub.Server.Features.Routing;

/// <summary>Routing configuration errors fail start-up with a message naming the bad field.</summary>
internal sealed class RoutingOptionsValidator : AbstractValidator<RoutingOptions>
{
    public RoutingOptionsValidator()
    {
        RuleFor(o => o.Levels).InclusiveBetween(1, 9).OverridePropertyName($"{RoutingOptions.SectionName}:Levels").WithName($"{RoutingOptions.SectionName}:Levels");
        RuleFor(o => o.OfferTimeout).Must(t => t > TimeSpan.Zero).OverridePropertyName($"{RoutingOptions.SectionName}:OfferTimeout").WithName($"{RoutingOptions.SectionName}:OfferTimeout").WithMessage("{PropertyName} must be positive.");
        RuleFor(o => o.MaxMissedOffers).GreaterThan(0).OverridePropertyName($"{RoutingOptions.SectionName}:MaxMissedOffers").WithName($"{RoutingOptions.SectionName}:MaxMissedOffers");
        RuleFor(o => o.HeartbeatTimeout).Must(t => t > TimeSpan.Zero).OverridePropertyName($"{RoutingOptions.SectionName}:HeartbeatTimeout").WithName($"{RoutingOptions.SectionName}:HeartbeatTimeout").WithMessage("{PropertyName} must be positive.");
        RuleFor(o => o.StickyTimeout).Must(t => t >= TimeSpan.Zero).OverridePropertyName($"{RoutingOptions.SectionName}:StickyTimeout").WithName($"{RoutingOptions.SectionName}:StickyTimeout").WithMessage("{PropertyName} must not be negative.");
        RuleFor(o => o.AverageHandleTime).Must(t => t > TimeSpan.Zero).OverridePropertyName($"{RoutingOptions.SectionName}:AverageHandleTime").WithName($"{RoutingOptions.SectionName}:AverageHandleTime").WithMessage("{PropertyName} must be positive.");
        RuleFor(o => o.DefaultTarget!.Level).LessThanOrEqualTo(o => o.Levels).When(o => o.DefaultTarget is not null)
            .OverridePropertyName($"{RoutingOptions.SectionName}:DefaultTarget:Level").WithName($"{RoutingOptions.SectionName}:DefaultTarget:Level");
        RuleFor(o => o.Workflow).Must(w => w.Count == 0 || w[0].Level == 1)
            .OverridePropertyName($"{RoutingOptions.SectionName}:Workflow").WithName($"{RoutingOptions.SectionName}:Workflow")
            .WithMessage("{PropertyName} must start at level 1, where every new conversation starts.");
        RuleFor(o => o.GracePeriod).Must(t => t >= TimeSpan.Zero).OverridePropertyName($"{RoutingOptions.SectionName}:GracePeriod").WithName($"{RoutingOptions.SectionName}:GracePeriod").WithMessage("{PropertyName} must not be negative.");
        RuleFor(o => o.SweepInterval).Must(t => t > TimeSpan.Zero).OverridePropertyName($"{RoutingOptions.SectionName}:SweepInterval").WithName($"{RoutingOptions.SectionName}:SweepInterval").WithMessage("{PropertyName} must be positive.");
        RuleFor(o => o.LoadReconcileInterval).Must(t => t > TimeSpan.Zero).OverridePropertyName($"{RoutingOptions.SectionName}:LoadReconcileInterval").WithName($"{RoutingOptions.SectionName}:LoadReconcileInterval").WithMessage("{PropertyName} must be positive.");
        RuleForEach(o => o.Workflow).ChildRules(target => TargetRules(target)).OverridePropertyName($"{RoutingOptions.SectionName}:Workflow").WithName($"{RoutingOptions.SectionName}:Workflow");
        RuleFor(o => o.DefaultTarget!).ChildRules(target => TargetRules(target)).When(o => o.DefaultTarget is not null)
            .OverridePropertyName($"{RoutingOptions.SectionName}:DefaultTarget").WithName($"{RoutingOptions.SectionName}:DefaultTarget");
        RuleFor(o => o.BusinessHours!).ChildRules(hours => HoursRules(hours)).When(o => o.BusinessHours is not null)
            .OverridePropertyName($"{RoutingOptions.SectionName}:BusinessHours").WithName($"{RoutingOptions.SectionName}:BusinessHours");
        RuleForEach(o => o.Workflow).Must((options, target) => target.Level <= options.Levels)
            .OverridePropertyName($"{RoutingOptions.SectionName}:Workflow").WithName($"{RoutingOptions.SectionName}:Workflow")
            .WithMessage((options, target) => $"{RoutingOptions.SectionName}:Workflow has a target at level {target.Level}, but only {options.Levels} levels are configured.");
    }

    private static void HoursRules(InlineValidator<BusinessHours> hours)
    {
        hours.RuleFor(h => h.TimeZone).Must(BusinessHours.IsKnownTimeZone).WithMessage("TimeZone '{PropertyValue}' is not a known time zone.");
        hours.RuleFor(h => h.Close).GreaterThan(h => h.Open).WithMessage("Close must be after Open.");
    }

    private static void TargetRules(InlineValidator<WorkflowTarget> target)
    {
        target.RuleFor(t => t.Level).GreaterThanOrEqualTo(1);
        target.RuleFor(t => t.Timeout).Must(t => t > TimeSpan.Zero).WithMessage("{PropertyName} must be positive.");
        target.RuleFor(t => t.Skills).Must(SkillExpression.IsValid)
            .WithMessage("{PropertyName} must be 'task.skill', 'any' or a comma-separated list of skills.");
    }
}

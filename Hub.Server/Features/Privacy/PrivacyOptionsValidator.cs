using FluentValidation;

namespace SupportHub.Server.Features.Privacy;

/// <summary>A bad privacy setting fails start-up with a message naming it.</summary>
internal sealed class PrivacyOptionsValidator : AbstractValidator<PrivacyOptions>
{
    public PrivacyOptionsValidator()
    {
        RuleFor(o => o.RetentionPeriod).Must(p => p is null || p >= TimeSpan.FromMinutes(1))
            .OverridePropertyName($"{PrivacyOptions.SectionName}:RetentionPeriod").WithName($"{PrivacyOptions.SectionName}:RetentionPeriod")
            .WithMessage("{PropertyName} must be at least one minute, or empty to keep transcripts.");
        RuleFor(o => o.RetentionMode).IsInEnum()
            .OverridePropertyName($"{PrivacyOptions.SectionName}:RetentionMode").WithName($"{PrivacyOptions.SectionName}:RetentionMode");
        RuleFor(o => o.RetentionInterval).Must(t => t >= TimeSpan.FromSeconds(1))
            .OverridePropertyName($"{PrivacyOptions.SectionName}:RetentionInterval").WithName($"{PrivacyOptions.SectionName}:RetentionInterval")
            .WithMessage("{PropertyName} must be at least one second.");
        RuleFor(o => o.RetentionBatchSize).InclusiveBetween(1, 10_000)
            .OverridePropertyName($"{PrivacyOptions.SectionName}:RetentionBatchSize").WithName($"{PrivacyOptions.SectionName}:RetentionBatchSize");
    }
}

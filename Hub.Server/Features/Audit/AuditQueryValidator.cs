using FluentValidation;

namespace SupportHub.Server.Features.Audit;

internal sealed class AuditQueryValidator : AbstractValidator<AuditQuery>
{
    private const int MaxIdLength = 64;
    private const int MaxActionLength = 64;

    public AuditQueryValidator()
    {
        RuleFor(q => q.ActorId).MaximumLength(MaxIdLength);
        RuleFor(q => q.Action).MaximumLength(MaxActionLength);
        RuleFor(q => q.TargetType).MaximumLength(MaxActionLength);
        RuleFor(q => q.TargetId).MaximumLength(MaxIdLength);
        RuleFor(q => q.Before).MaximumLength(MaxIdLength);
        RuleFor(q => q.Limit).InclusiveBetween(1, AuditQuery.MaxLimit)
            .WithMessage($"Limit must be between 1 and {AuditQuery.MaxLimit}.");
        RuleFor(q => q.To).GreaterThan(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("To must be later than From.");
    }
}

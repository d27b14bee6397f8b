using FluentValidation;

namespace SupportHub.Server.Features.Privacy;

internal sealed class CustomerSearchQueryValidator : AbstractValidator<CustomerSearchQuery>
{
    public CustomerSearchQueryValidator()
    {
        RuleFor(q => q).Must(q => !string.IsNullOrWhiteSpace(q.Email) || !string.IsNullOrWhiteSpace(q.Phone) || !string.IsNullOrWhiteSpace(q.ExternalId))
            .OverridePropertyName("query").WithMessage("Give an email, a phone or an externalId.");
        RuleFor(q => q.Email).MaximumLength(320);
        RuleFor(q => q.Phone).MaximumLength(32);
        RuleFor(q => q.ExternalId).MaximumLength(256);
    }
}

using FluentValidation;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Customers;

internal sealed class CreateVisitorValidator : AbstractValidator<CreateVisitorRequest>
{
    public CreateVisitorValidator()
    {
        RuleFor(r => r.Name).MaximumLength(ChatLimits.MaxNameLength);
        RuleFor(r => r.Email).MaximumLength(ChatLimits.MaxEmailLength).EmailAddress().When(r => !string.IsNullOrEmpty(r.Email));
    }
}

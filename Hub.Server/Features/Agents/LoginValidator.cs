using FluentValidation;

namespace SupportHub.Server.Features.Agents;

internal sealed class LoginValidator : AbstractValidator<LoginRequest>
{
    public LoginValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(r => r.Password).NotEmpty().MaximumLength(256);
    }
}

internal sealed class SetPhoneValidator : AbstractValidator<SetPhoneRequest>
{
    public SetPhoneValidator() =>
        RuleFor(r => r.PhoneNumber).Matches(@"^\s*\+[1-9][0-9]{6,14}\s*$").When(r => !string.IsNullOrWhiteSpace(r.PhoneNumber))
            .WithMessage("PhoneNumber must be in international form (E.164), e.g. +4930123456.");
}

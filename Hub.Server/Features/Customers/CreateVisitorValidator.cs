using FluentValidation;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Customers;

internal sealed class CreateVisitorValidator : AbstractValidator<CreateVisitorRequest>
{
    /// <summary>Room for an RS256 signature and a few claims; longer tokens are not identity tokens.</summary>
    public const int MaxIdentityTokenLength = 4096;

    public CreateVisitorValidator()
    {
        RuleFor(r => r.Name).MaximumLength(ChatLimits.MaxNameLength);
        RuleFor(r => r.Email).MaximumLength(ChatLimits.MaxEmailLength).EmailAddress().When(r => !string.IsNullOrEmpty(r.Email));
        RuleFor(r => r.UserId).MaximumLength(ChatLimits.MaxIdLength);
        RuleFor(r => r.UserHash).NotEmpty().When(r => !string.IsNullOrEmpty(r.UserId)).WithMessage("UserHash is required with a UserId.");
        RuleFor(r => r.UserHash).Matches("^[0-9a-fA-F]{64}$").When(r => !string.IsNullOrEmpty(r.UserHash))
            .WithMessage("UserHash must be 64 hex digits (HMAC-SHA256).");
        RuleFor(r => r.UserId).NotEmpty().When(r => !string.IsNullOrEmpty(r.UserHash)).WithMessage("UserId is required with a UserHash.");
        RuleFor(r => r.IdentityToken).MaximumLength(MaxIdentityTokenLength);
        RuleFor(r => r.UserId).Empty().When(r => !string.IsNullOrEmpty(r.IdentityToken))
            .WithMessage("Send either an IdentityToken or the legacy UserId and UserHash, not both.");
    }
}

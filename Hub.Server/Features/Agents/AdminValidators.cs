using System.Linq.Expressions;
using FluentValidation;

namespace SupportHub.Server.Features.Agents;

internal static class AccountRules
{
    public const int MaxSkills = 20;

    public static IRuleBuilderOptions<T, string> PasswordRule<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MinimumLength(CreateAdminCommand.MinPasswordLength).MaximumLength(256);

    public static void ProfileRules<T>(
        this AbstractValidator<T> v,
        Expression<Func<T, string>> name,
        Expression<Func<T, IEnumerable<AgentRole>>> roles,
        Expression<Func<T, IEnumerable<int>>> levels,
        Expression<Func<T, IEnumerable<string>>> skills,
        Expression<Func<T, int>> chat,
        Expression<Func<T, int>> voice)
    {
        v.RuleFor(name).NotEmpty().MaximumLength(100);
        v.RuleFor(roles).NotEmpty().Must(r => r.Distinct().Count() == r.Count()).WithMessage("Roles must not repeat.");
        v.RuleForEach(roles).IsInEnum();
        v.RuleFor(levels).NotEmpty().Must(l => l.Distinct().Count() == l.Count()).WithMessage("Levels must not repeat.");
        // The routing feature owns the number of levels (Hub:Routing:Levels); a level nobody routes to is harmless.
        v.RuleForEach(levels).InclusiveBetween(1, 9);
        v.RuleFor(skills).NotNull().Must(s => s.Count() <= MaxSkills).WithMessage($"At most {MaxSkills} skills.");
        v.RuleForEach(skills).NotEmpty().MaximumLength(40).Matches("^[a-z0-9][a-z0-9-]*$")
            .WithMessage("A skill is lower-case letters, digits and dashes.");
        v.RuleFor(chat).InclusiveBetween(0, 20);
        v.RuleFor(voice).InclusiveBetween(0, 5);
    }
}

internal sealed class CreateAgentValidator : AbstractValidator<CreateAgentRequest>
{
    public CreateAgentValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(r => r.Password!).PasswordRule().When(r => r.Password is not null);
        this.ProfileRules(r => r.DisplayName, r => r.Roles, r => r.Levels, r => r.Skills, r => r.ChatCapacity, r => r.VoiceCapacity);
    }
}

internal sealed class UpdateAgentValidator : AbstractValidator<UpdateAgentRequest>
{
    public UpdateAgentValidator() =>
        this.ProfileRules(r => r.DisplayName, r => r.Roles, r => r.Levels, r => r.Skills, r => r.ChatCapacity, r => r.VoiceCapacity);
}

internal sealed class AcceptInvitationValidator : AbstractValidator<AcceptInvitationRequest>
{
    public AcceptInvitationValidator() => RuleFor(r => r.Password).PasswordRule();
}

internal sealed class ChangePasswordValidator : AbstractValidator<ChangePasswordRequest>
{
    public ChangePasswordValidator()
    {
        RuleFor(r => r.CurrentPassword).NotEmpty().MaximumLength(256);
        RuleFor(r => r.NewPassword).PasswordRule();
    }
}

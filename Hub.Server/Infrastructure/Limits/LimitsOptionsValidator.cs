using FluentValidation;
using Microsoft.Extensions.Options;

namespace SupportHub.Server.Infrastructure.Limits;

/// <summary>Checks <c>Hub:Limits</c> at start-up: every limit positive, every window from 1 s to a day.</summary>
internal sealed class LimitsOptionsValidator : AbstractValidator<LimitsOptions>, IValidateOptions<LimitsOptions>
{
    public LimitsOptionsValidator()
    {
        RuleFor(o => o.SignInFailuresPerAddress).SetValidator(new RateLimitValidator());
        RuleFor(o => o.SignInFailuresPerAccount).SetValidator(new RateLimitValidator());
        RuleFor(o => o.VisitorsPerAddress).SetValidator(new RateLimitValidator());
        RuleFor(o => o.ConversationsPerVisitor).SetValidator(new RateLimitValidator());
        RuleFor(o => o.CustomerMessagesPerConnection).SetValidator(new RateLimitValidator());
        RuleFor(o => o.AgentMessagesPerConnection).SetValidator(new RateLimitValidator());
        RuleFor(o => o.TypingPerConnection).SetValidator(new RateLimitValidator());
        RuleFor(o => o.WaitingConversationsPerVisitor).GreaterThan(0);
        RuleFor(o => o.AnonymousRequestBodyBytes).GreaterThanOrEqualTo(1024);
        RuleFor(o => o.RequestBodyBytes).GreaterThanOrEqualTo(o => o.AnonymousRequestBodyBytes);
    }

    ValidateOptionsResult IValidateOptions<LimitsOptions>.Validate(string? name, LimitsOptions options)
    {
        var result = Validate(options);
        return result.IsValid
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(result.Errors.Select(e => $"{LimitsOptions.SectionName}:{e.PropertyName}: {e.ErrorMessage}"));
    }

    private sealed class RateLimitValidator : AbstractValidator<RateLimit>
    {
        public RateLimitValidator()
        {
            RuleFor(l => l.PermitLimit).GreaterThan(0);
            RuleFor(l => l.Window).GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).LessThanOrEqualTo(TimeSpan.FromDays(1));
        }
    }
}

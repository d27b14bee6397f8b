using FluentValidation;

namespace SupportHub.Server.Features.Calls;

/// <summary>Twilio configuration errors fail start-up with a message naming the bad setting.</summary>
internal sealed class TwilioOptionsValidator : AbstractValidator<TwilioOptions>
{
    private const string Section = TwilioOptions.SectionName;

    public TwilioOptionsValidator()
    {
        RuleFor(o => o.PublicBaseUrl).Must(BeAbsoluteHttpUrlWithoutPath).When(o => !string.IsNullOrWhiteSpace(o.PublicBaseUrl))
            .OverridePropertyName($"{Section}:PublicBaseUrl").WithName($"{Section}:PublicBaseUrl")
            .WithMessage("{PropertyName} must be the absolute https:// (or http://) address Twilio calls, without a path, e.g. https://support.example.com.");
        RuleFor(o => o.AccountSid).Matches("^AC[0-9a-fA-F]{32}$").When(o => !string.IsNullOrWhiteSpace(o.AccountSid))
            .OverridePropertyName($"{Section}:AccountSid").WithName($"{Section}:AccountSid").WithMessage("{PropertyName} must be AC followed by 32 hex digits.");
        RuleFor(o => o.Language).Must(l => l is "en-US" or "de-DE")
            .OverridePropertyName($"{Section}:Language").WithName($"{Section}:Language").WithMessage("{PropertyName} must be en-US or de-DE.");
        RuleFor(o => o.CallerId).Matches(@"^\+[1-9][0-9]{6,14}$").When(o => !string.IsNullOrWhiteSpace(o.CallerId))
            .OverridePropertyName($"{Section}:CallerId").WithName($"{Section}:CallerId").WithMessage("{PropertyName} must be a number in E.164 form, e.g. +4930123456.");
        RuleFor(o => o.AgentRingSeconds).InclusiveBetween(5, 120).OverridePropertyName($"{Section}:AgentRingSeconds").WithName($"{Section}:AgentRingSeconds");
        RuleFor(o => o.VoicemailMaxSeconds).InclusiveBetween(2, 120).OverridePropertyName($"{Section}:VoicemailMaxSeconds").WithName($"{Section}:VoicemailMaxSeconds");
        RuleFor(o => o.RestTimeout).InclusiveBetween(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10))
            .OverridePropertyName($"{Section}:RestTimeout").WithName($"{Section}:RestTimeout").WithMessage("{PropertyName} must be between 00:00:00.1 and 00:00:10.");
        RuleFor(o => o.MenuTopics).Must(t => t.Count <= CallMenu.MaxTopics && t.All(topic => !string.IsNullOrWhiteSpace(topic)))
            .OverridePropertyName($"{Section}:MenuTopics").WithName($"{Section}:MenuTopics").WithMessage("{PropertyName} may list at most 9 topics, none empty.");
        RuleFor(o => o.ApiBaseUrl).Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            .OverridePropertyName($"{Section}:ApiBaseUrl").WithName($"{Section}:ApiBaseUrl").WithMessage("{PropertyName} must be an absolute http(s) URL.");
    }

    private static bool BeAbsoluteHttpUrlWithoutPath(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.AbsolutePath.TrimEnd('/').Length == 0 && string.IsNullOrEmpty(uri.Query);
}

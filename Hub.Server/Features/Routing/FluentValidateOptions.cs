using FluentValidation;
using Microsoft.Extensions.Options;

namespace SupportHub.Server.Features.Routing;

/// <summary>Runs an options class's FluentValidation validator at start-up.</summary>
internal sealed class FluentValidateOptions<TOptions>(IServiceProvider services) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        using var scope = services.CreateScope();
        var validator = scope.ServiceProvider.GetRequiredService<IValidator<TOptions>>();
        var result = validator.Validate(options);
        return result.IsValid
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}"));
    }
}

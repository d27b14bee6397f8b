using System.Text.Json;
using FluentValidation.Results;
using SupportHub.Server.Features.Errors;

namespace SupportHub.Server.Infrastructure.Validation;

internal static class ValidationErrors
{
    /// <summary>
    /// A rule with a protocol error code (such as <see cref="HubErrors.NotFound"/>) decides the code;
    /// otherwise it is <see cref="HubErrors.ValidationFailed"/>.
    /// </summary>
    public static UseCaseException ToUseCaseException(ValidationResult result)
    {
        var coded = result.Errors.FirstOrDefault(e => e.ErrorCode is HubErrors.NotFound or HubErrors.Forbidden or HubErrors.Conflict);
        if (coded is not null)
        {
            return HubErrors.Create(coded.ErrorCode, coded.ErrorMessage);
        }

        var details = string.Join(" ", result.Errors.Select(e => e.ErrorMessage));
        return HubErrors.Create(HubErrors.ValidationFailed, details);
    }

    public static Dictionary<string, string[]> ToDictionary(ValidationResult result) =>
        result.Errors
            .GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
}

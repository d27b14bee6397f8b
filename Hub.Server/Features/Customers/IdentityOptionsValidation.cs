using Microsoft.Extensions.Options;

namespace SupportHub.Server.Features.Customers;

/// <summary>Start-up checks of <see cref="IdentityOptions"/>: a strong enough secret and a readable public key.</summary>
internal sealed class IdentityOptionsValidation : IValidateOptions<IdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(options.Secret) && options.Secret.Length < 32)
        {
            errors.Add($"{IdentityOptions.SectionName}:Secret must be at least 32 characters (HS256 needs a 256-bit key).");
        }

        if (!string.IsNullOrWhiteSpace(options.PublicKey))
        {
            try
            {
                IdentityKeys.ReadPublicKey(options.PublicKey);
            }
            catch (ArgumentException e)
            {
                errors.Add(e.Message);
            }
        }

        if (options.MaxTokenLifetime <= TimeSpan.Zero)
        {
            errors.Add($"{IdentityOptions.SectionName}:MaxTokenLifetime must be positive.");
        }

        if (options.AllowLegacyHmac && string.IsNullOrEmpty(options.Secret))
        {
            errors.Add($"{IdentityOptions.SectionName}:AllowLegacyHmac needs {IdentityOptions.SectionName}:Secret.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

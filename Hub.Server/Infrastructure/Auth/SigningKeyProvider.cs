using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SupportHub.Server.Infrastructure.LiteDb;

namespace SupportHub.Server.Infrastructure.Auth;

/// <summary>The symmetric key that signs tokens: configured, or created once in the data folder.</summary>
public sealed class SigningKeyProvider
{
    private const string KeyFileName = "signing-key";

    public SigningKeyProvider(IOptions<AuthOptions> auth, IOptions<LiteDbOptions> storage)
    {
        var configured = auth.Value.SigningKey;
        var secret = string.IsNullOrWhiteSpace(configured) ? LoadOrCreate(storage.Value.DataPath) : configured;
        if (secret.Length < 32)
        {
            throw new OptionsValidationException(
                AuthOptions.SectionName, typeof(AuthOptions), [$"{AuthOptions.SectionName}:SigningKey must be at least 32 characters."]);
        }

        Key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
    }

    public SymmetricSecurityKey Key { get; }

    private static string LoadOrCreate(string dataPath)
    {
        var folder = Path.GetFullPath(dataPath);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, KeyFileName);
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        File.WriteAllText(file, secret);
        return secret;
    }
}

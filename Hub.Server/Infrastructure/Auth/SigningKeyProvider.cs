using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SupportHub.Server.Infrastructure.LiteDb;

namespace SupportHub.Server.Infrastructure.Auth;

/// <summary>
/// The symmetric key that signs tokens (configured, or created once in the data folder, readable by its
/// owner only) and the former keys still accepted. Every key carries a key id (<c>kid</c>) derived from
/// it, so a token names the key that signed it and a rotation does not log anyone out.
/// </summary>
public sealed class SigningKeyProvider
{
    public const string KeyFileName = "signing-key";

    /// <summary>rw------- : the generated key file is the owner's alone.</summary>
    public const UnixFileMode KeyFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public SigningKeyProvider(IOptions<AuthOptions> auth, IOptions<LiteDbOptions> storage)
    {
        var configured = auth.Value.SigningKey;
        var secret = string.IsNullOrWhiteSpace(configured) ? LoadOrCreate(storage.Value.DataPath) : configured;
        Key = Create(secret, $"{AuthOptions.SectionName}:SigningKey");
        ValidationKeys = [Key, .. auth.Value.PreviousSigningKeys.Select((k, i) => Create(k, $"{AuthOptions.SectionName}:PreviousSigningKeys:{i}"))];
    }

    /// <summary>The key that signs new tokens.</summary>
    public SymmetricSecurityKey Key { get; }

    /// <summary>The current key and the previous ones: what a token may be signed with.</summary>
    public IReadOnlyList<SymmetricSecurityKey> ValidationKeys { get; }

    /// <summary>The first 16 characters of base64url(SHA-256(key)): names the key without revealing it.</summary>
    public static string KeyIdOf(string secret) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..16];

    private static SymmetricSecurityKey Create(string secret, string setting)
    {
        if (secret.Length < 32)
        {
            throw new OptionsValidationException(AuthOptions.SectionName, typeof(AuthOptions), [$"{setting} must be at least 32 characters."]);
        }

        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)) { KeyId = KeyIdOf(secret) };
    }

    private static string LoadOrCreate(string dataPath)
    {
        var folder = Path.GetFullPath(dataPath);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, KeyFileName);
        if (File.Exists(file))
        {
            // A key file written by an older version (or copied in) may be world-readable: tighten it.
            if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(file) != KeyFileMode)
            {
                File.SetUnixFileMode(file, KeyFileMode);
            }

            return File.ReadAllText(file).Trim();
        }

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = KeyFileMode; // created so, never briefly readable by others
        }

        using (var writer = new StreamWriter(file, Encoding.UTF8, options))
        {
            writer.Write(secret);
        }

        return secret;
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Customers;

/// <summary>
/// Checks who a visitor is, as the site's server vouches: an identity token (a JWT with sub, exp and the
/// signed attributes name and email) or, where allowed, the legacy static HMAC of the user id.
/// </summary>
public sealed class IdentityVerifier
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private readonly IdentityOptions options;
    private readonly IdentityKeys keys;
    private readonly TimeProvider time;
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    public IdentityVerifier(IOptions<IdentityOptions> options, TimeProvider time)
    {
        this.options = options.Value;
        this.time = time;
        keys = new IdentityKeys(this.options);
    }

    public async Task<IdentityCheck> VerifyTokenAsync(string token)
    {
        if (!options.IsConfigured)
        {
            return NotConfigured();
        }

        var result = await handler.ValidateTokenAsync(token, Parameters());
        if (!result.IsValid)
        {
            return IdentityCheck.Refused(IdentityErrors.Invalid, "The identity token is not signed by this site's key with its algorithm, or is malformed.");
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        var lifetimeRefusal = CheckLifetime(jwt);
        if (lifetimeRefusal is not null)
        {
            return lifetimeRefusal;
        }

        var sub = Claim(jwt, "sub");
        var name = Claim(jwt, "name")?.Trim();
        var email = Claim(jwt, "email")?.Trim();
        if (string.IsNullOrWhiteSpace(sub) || sub.Length > ChatLimits.MaxIdLength)
        {
            return IdentityCheck.Refused(IdentityErrors.Invalid, $"The identity token's sub (the user id) is required and at most {ChatLimits.MaxIdLength} characters.");
        }

        if (name?.Length > ChatLimits.MaxNameLength || email?.Length > ChatLimits.MaxEmailLength || (!string.IsNullOrEmpty(email) && !email.Contains('@', StringComparison.Ordinal)))
        {
            return IdentityCheck.Refused(IdentityErrors.Invalid, "The identity token's name or email is too long, or the email is not an e-mail address.");
        }

        return IdentityCheck.Verified(new VerifiedIdentity(sub, string.IsNullOrEmpty(name) ? null : name, string.IsNullOrEmpty(email) ? null : email));
    }

    /// <summary>Legacy: constant-time check of hex(HMAC-SHA256(secret, userId)); only with Hub:Identity:AllowLegacyHmac.</summary>
    public IdentityCheck VerifyLegacyHash(string userId, string? userHash)
    {
        if (!options.AllowLegacyHmac || string.IsNullOrEmpty(options.Secret))
        {
            return options.IsConfigured
                ? IdentityCheck.Refused(IdentityErrors.NotConfigured, $"The legacy userHash is off: send an identityToken (JWT), or set {IdentityOptions.SectionName}:AllowLegacyHmac.")
                : NotConfigured();
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Secret), Encoding.UTF8.GetBytes(userId));
        byte[] given;
        try
        {
            given = Convert.FromHexString(userHash ?? string.Empty);
        }
        catch (FormatException)
        {
            given = [];
        }

        return CryptographicOperations.FixedTimeEquals(expected, given)
            ? IdentityCheck.Verified(new VerifiedIdentity(userId, null, null))
            : IdentityCheck.Refused(IdentityErrors.Invalid, "UserHash is not the HMAC-SHA256 of UserId with this site's secret.");
    }

    private static IdentityCheck NotConfigured() =>
        IdentityCheck.Refused(
            IdentityErrors.NotConfigured,
            $"Identity verification is off: set {IdentityOptions.SectionName}:Secret or {IdentityOptions.SectionName}:PublicKey to accept signed users.");

    private TokenValidationParameters Parameters() => new()
    {
        IssuerSigningKeys = keys.Keys,
        ValidAlgorithms = [.. keys.Algorithms],
        AlgorithmValidator = (algorithm, key, _, _) => keys.Allows(algorithm, key),
        ValidateIssuer = false,
        ValidateAudience = false,
        RequireSignedTokens = true,
        ValidateLifetime = false, // checked in CheckLifetime against the TimeProvider
    };

    /// <summary>exp required and not passed; nbf not ahead; exp at most MaxTokenLifetime from now, and from iat when the token has one.</summary>
    private IdentityCheck? CheckLifetime(JsonWebToken jwt)
    {
        if (!jwt.TryGetPayloadValue<long>("exp", out _))
        {
            return IdentityCheck.Refused(IdentityErrors.Invalid, "The identity token has no exp claim; exp is required.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (jwt.ValidTo + ClockSkew < now)
        {
            return IdentityCheck.Refused(IdentityErrors.Expired, "The identity token has expired; the site must sign a new one.");
        }

        if (jwt.TryGetPayloadValue<long>("nbf", out _) && jwt.ValidFrom - ClockSkew > now)
        {
            return IdentityCheck.Refused(IdentityErrors.Invalid, "The identity token is not valid yet (nbf).");
        }

        var max = options.MaxTokenLifetime + ClockSkew;
        var issued = jwt.TryGetPayloadValue<long>("iat", out _) ? jwt.IssuedAt : (DateTime?)null;
        if (jwt.ValidTo - now > max || (issued is { } iat && jwt.ValidTo - iat > max))
        {
            return IdentityCheck.Refused(
                IdentityErrors.Invalid,
                $"The identity token is valid for longer than {IdentityOptions.SectionName}:MaxTokenLifetime ({options.MaxTokenLifetime}); sign it with a nearer exp.");
        }

        return null;
    }

    private static string? Claim(JsonWebToken jwt, string type) =>
        jwt.TryGetPayloadValue<string>(type, out var value) ? value : null;
}

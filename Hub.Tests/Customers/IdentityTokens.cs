using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SupportHub.Tests.Customers;

/// <summary>Identity tokens as a site's server signs them (docs/security.md#widget-identity), for tests.</summary>
internal static class IdentityTokens
{
    public static string Sign(
        string secret, string userId, string? name = null, string? email = null, TimeSpan? lifetime = null, DateTime? issuedAt = null, string algorithm = SecurityAlgorithms.HmacSha256) =>
        Sign(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), algorithm, userId, name, email, lifetime, issuedAt);

    public static string Sign(
        SecurityKey key, string algorithm, string userId, string? name = null, string? email = null, TimeSpan? lifetime = null, DateTime? issuedAt = null)
    {
        var iat = issuedAt ?? DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = userId };
        if (name is not null)
        {
            claims["name"] = name;
        }

        if (email is not null)
        {
            claims["email"] = email;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = iat,
            NotBefore = iat,
            Expires = iat + (lifetime ?? TimeSpan.FromMinutes(10)),
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    /// <summary>A token without exp, signed with the secret.</summary>
    public static string WithoutExpiry(string secret, string userId) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", userId)]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });

    /// <summary>A token signed with the right secret but HS512 (the library will not sign so with a short key, so by hand).</summary>
    public static string Hs512(string secret, string userId)
    {
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var body = $"{Base64UrlEncoder.Encode("""{"alg":"HS512","typ":"JWT"}""")}.{Base64UrlEncoder.Encode($$"""{"sub":"{{userId}}","exp":{{exp}}}""")}";
        var signature = System.Security.Cryptography.HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(body));
        return $"{body}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>An unsigned token (alg none) naming the user.</summary>
    public static string Unsigned(string userId)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(json);
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        return $"{Part("""{"alg":"none","typ":"JWT"}""")}.{Part($$"""{"sub":"{{userId}}","exp":{{exp}}}""")}.";
    }
}

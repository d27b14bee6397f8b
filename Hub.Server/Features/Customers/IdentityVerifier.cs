using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SupportHub.Server.Features.Customers;

public sealed class IdentityVerifier(IOptions<IdentityOptions> options)
{
    public bool IsConfigured => !string.IsNullOrEmpty(options.Value.Secret);

    /// <summary>Constant-time check of hex(HMAC-SHA256(secret, userId)).</summary>
    public bool Verify(string userId, string? userHash)
    {
        if (!IsConfigured || string.IsNullOrEmpty(userHash))
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Secret!), Encoding.UTF8.GetBytes(userId));
        byte[] given;
        try
        {
            given = Convert.FromHexString(userHash);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}

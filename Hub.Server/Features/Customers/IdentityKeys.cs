using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace SupportHub.Server.Features.Customers;

/// <summary>
/// The keys that may sign identity tokens, each pinned to its one algorithm: the secret to HS256, an RSA
/// public key to RS256, an EC P-256 public key to ES256. A token naming another algorithm for a key
/// (such as HS256 over the public key's bytes) is refused.
/// </summary>
public sealed class IdentityKeys
{
    private readonly Dictionary<SecurityKey, string> algorithms = [];

    public IdentityKeys(IdentityOptions options)
    {
        if (!string.IsNullOrEmpty(options.Secret))
        {
            algorithms.Add(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.Secret)), SecurityAlgorithms.HmacSha256);
        }

        if (!string.IsNullOrWhiteSpace(options.PublicKey))
        {
            var (key, algorithm) = ReadPublicKey(options.PublicKey);
            algorithms.Add(key, algorithm);
        }
    }

    public IReadOnlyCollection<SecurityKey> Keys => algorithms.Keys;

    public IEnumerable<string> Algorithms => algorithms.Values.Distinct();

    public bool Allows(string algorithm, SecurityKey key) => algorithms.TryGetValue(key, out var pinned) && pinned == algorithm;

    /// <summary>An RSA or EC P-256 public key from PEM; throws <see cref="ArgumentException"/> with the reason otherwise.</summary>
    public static (SecurityKey Key, string Algorithm) ReadPublicKey(string pem)
    {
        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new ArgumentException("Hub:Identity:PublicKey holds a private key; configure the public key only.");
        }

        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            if (rsa.KeySize < 2048)
            {
                throw new ArgumentException("Hub:Identity:PublicKey: an RSA key needs at least 2048 bits.");
            }

            return (new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
        }
        catch (CryptographicException)
        {
            // Not RSA: try EC below.
        }

        try
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            if (ec.KeySize != 256)
            {
                throw new ArgumentException("Hub:Identity:PublicKey: an EC key must be on P-256 (ES256).");
            }

            return (new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException("Hub:Identity:PublicKey is not an RSA or EC public key in PEM.", e);
        }
    }
}

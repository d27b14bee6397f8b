using System.Security.Cryptography;
using System.Text;

namespace SupportHub.Server;

public static class HubIds
{
    /// <summary>Time-ordered, so ids of one kind sort roughly by creation in every store.</summary>
    public static string New(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow()).ToString("N");

    /// <summary>
    /// The same id for the same parts, so a repeated (or racing) creation of one thing meets the first
    /// in the store's primary key. For idempotency only: nothing ever parses it back.
    /// </summary>
    public static string Derived(params string[] parts)
    {
        // Unit separator between parts, so ("ab", "c") and ("a", "bc") differ.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace SupportHub.Server.Features.Agents;

/// <summary>One-time link tokens: 256 random bits for the admin to pass on; only their SHA-256 is stored.</summary>
public static class InvitationTokens
{
    /// <summary>Where the console accepts a link; a fragment, so the token never reaches a server log.</summary>
    public const string ConsolePath = "/console/#invite=";

    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

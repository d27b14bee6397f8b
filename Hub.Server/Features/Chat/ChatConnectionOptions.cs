namespace SupportHub.Server.Features.Chat;

/// <summary>
/// How long both hubs wait for a silent client, and how often they ping (docs/protocol/wire-format.md).
/// Checked at start-up: a client that mirrors the server's ping interval must get at least two pings
/// in before the timeout, so the keep-alive is at most half the timeout.
/// </summary>
public sealed class ChatConnectionOptions
{
    public const string SectionName = "Hub:Chat";

    /// <summary>A connection the server has heard nothing from (not even a ping) for this long is closed.</summary>
    public TimeSpan ClientTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The server sends a ping when it has sent nothing else for this long.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    internal bool IsValid => ClientTimeout > TimeSpan.Zero && KeepAliveInterval > TimeSpan.Zero && KeepAliveInterval * 2 <= ClientTimeout;

    internal const string ValidationMessage =
        $"{SectionName}:ClientTimeout and {SectionName}:KeepAliveInterval must be positive, and KeepAliveInterval at most half of ClientTimeout.";
}

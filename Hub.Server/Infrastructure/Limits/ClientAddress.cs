namespace SupportHub.Server.Infrastructure.Limits;

/// <summary>
/// The address limits are keyed on: the connection's remote address. Behind a proxy that is the
/// forwarded client address once the forwarded-headers middleware has run (docs/security.md#behind-a-tls-proxy).
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext? context) => context?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

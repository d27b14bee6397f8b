namespace SupportHub.Server.Infrastructure.Http;

/// <summary>
/// The reverse proxies (TLS terminators, load balancers) whose X-Forwarded-For and X-Forwarded-Proto
/// Hub believes. Empty (the default): no forwarded header is believed, from anyone.
/// </summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Hub:Proxy";

    /// <summary>Addresses of the proxies, like "10.0.0.5" or "::1".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation, like "10.0.0.0/8".</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row to unwind from X-Forwarded-For (each must be known).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool IsConfigured => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

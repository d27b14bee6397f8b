using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace SupportHub.Server.Infrastructure.Http;

/// <summary>
/// Security headers on every response, HSTS over TLS outside Development, and X-Forwarded-For/-Proto
/// believed from configured proxies only (docs/security.md#behind-a-tls-proxy).
/// </summary>
public static class HttpHardeningExtensions
{
    public static IHostApplicationBuilder AddHttpHardening(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName)
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)), $"{ProxyOptions.SectionName}:KnownProxies must be IP addresses.")
            .Validate(o => o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), $"{ProxyOptions.SectionName}:KnownNetworks must be networks in CIDR notation (10.0.0.0/8).")
            .Validate(o => o.ForwardLimit >= 1, $"{ProxyOptions.SectionName}:ForwardLimit must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = proxy.Value.ForwardLimit;
            // ASP.NET Core trusts loopback by default; Hub trusts exactly what is configured.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var address in proxy.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(address));
            }

            foreach (var network in proxy.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.AddOptions<SecurityHeadersOptions>().BindConfiguration(SecurityHeadersOptions.SectionName)
            .Validate(
                o => o.ConsoleConnectSources.All(s => !string.IsNullOrWhiteSpace(s) && !s.Trim().Any(c => c is ';' or ',' or '\'' || char.IsWhiteSpace(c))),
                $"{SecurityHeadersOptions.SectionName}:ConsoleConnectSources must be CSP sources (like wss://signal.example.com), without ; , ' or spaces.")
            .Validate(o => o.HstsMaxAge > TimeSpan.Zero, $"{SecurityHeadersOptions.SectionName}:HstsMaxAge must be positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<HstsOptions>().Configure<IOptions<SecurityHeadersOptions>>((hsts, headers) => hsts.MaxAge = headers.Value.HstsMaxAge);
        builder.Services.AddSingleton<ContentSecurityPolicy>();
        return builder;
    }

    /// <summary>First in the pipeline, so that everything after sees the client's address and scheme, and every response has the headers.</summary>
    public static WebApplication UseHttpHardening(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.IsConfigured)
        {
            app.UseForwardedHeaders();
        }

        var policy = app.Services.GetRequiredService<ContentSecurityPolicy>();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // The policy governs documents; a JSON or script response is not one (and the widget's test
                // pages are written into a document opened from /health).
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    headers.ContentSecurityPolicy = policy.For(context.Request.Path);
                }

                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), geolocation=(), microphone=(self)";
                return Task.CompletedTask;
            });
            return next(context);
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts(); // only on HTTPS requests: directly over TLS, or from a known proxy that says so
        }

        return app;
    }
}

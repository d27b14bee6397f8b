using Microsoft.Extensions.Options;

namespace SupportHub.Server.Features.WidgetHosting;

/// <summary>
/// Hub:Widget:AllowedOrigins for the customer hub, WebSocket upgrades included, which CORS does not
/// cover: a browser sends the page's Origin with the upgrade, and a page of another site is refused (403).
/// Requests without Origin (not from a browser) and from Hub's own pages pass.
/// </summary>
public sealed class WidgetOrigins(IOptions<WidgetHostingOptions> options)
{
    private readonly HashSet<string> allowed = options.Value.AllowedOrigins.Select(o => o.Trim().TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public bool AllowsEveryOrigin => allowed.Count == 0 || allowed.Contains("*");

    public bool Allows(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (AllowsEveryOrigin || string.IsNullOrEmpty(origin) || allowed.Contains(origin))
        {
            return true;
        }

        // Hub's own demo pages: same host (the scheme may differ behind a TLS proxy).
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    public async Task CheckUpgradeAsync(HttpContext context, Func<Task> next)
    {
        // Every request to the hub, not only upgrades: SignalR adds its WebSocket middleware inside the
        // endpoint, so an upgrade is not yet recognisable here, and CORS only hides answers from a page.
        if (context.Request.Path.StartsWithSegments(Chat.ChatExtensions.CustomerHubPath) && !Allows(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        await next();
    }
}

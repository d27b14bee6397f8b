namespace SupportHub.Server.Features.WidgetHosting;

public sealed class WidgetHostingOptions
{
    public const string SectionName = "Hub:Widget";

    /// <summary>
    /// Sites allowed to embed the widget (their origins, like "https://shop.example.com"). Empty or
    /// "*" allows every site: visitor tokens are anonymous and reach only their own conversations.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>How long browsers and proxies may cache widget.js.</summary>
    public TimeSpan BundleCacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}

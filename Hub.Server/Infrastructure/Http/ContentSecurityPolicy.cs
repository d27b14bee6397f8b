using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SupportHub.Server.Infrastructure.Http;

/// <summary>
/// The Content-Security-Policy of Hub's pages. The console (/console) runs only its own bundle and talks
/// to Hub and Twilio Voice; the other pages (demo, landing) may also run their own inline scripts,
/// allowed by hash, computed once from the files in wwwroot. No page may be framed.
/// </summary>
public sealed partial class ContentSecurityPolicy
{
    private const string Common =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public ContentSecurityPolicy(IWebHostEnvironment environment, Microsoft.Extensions.Options.IOptions<SecurityHeadersOptions> options)
    {
        var extra = string.Concat(options.Value.ConsoleConnectSources.Select(s => " " + s.Trim()));
        var hashes = InlineScriptHashes(environment.WebRootPath);
        ForConsole =
            $"{Common}; script-src 'self'; connect-src 'self' https://*.twilio.com wss://*.twilio.com{extra}; media-src 'self' blob: https://sdk.twilio.com";
        ForPages = $"{Common}; script-src 'self'{string.Concat(hashes.Select(h => $" 'sha256-{h}'"))}; connect-src 'self'";
    }

    /// <summary>For /console: its bundle, Hub's API and hubs, Twilio Voice's signalling, events and sounds.</summary>
    public string ForConsole { get; }

    /// <summary>For every other response: Hub's own scripts and the inline scripts of its pages.</summary>
    public string ForPages { get; }

    public string For(PathString path) => path.StartsWithSegments("/console") ? ForConsole : ForPages;

    private static List<string> InlineScriptHashes(string? webRoot)
    {
        if (webRoot is null || !Directory.Exists(webRoot))
        {
            return [];
        }

        return Directory.EnumerateFiles(webRoot, "*.html", SearchOption.AllDirectories)
            .SelectMany(file => InlineScript().Matches(File.ReadAllText(file)))
            .Select(m => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value))))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}

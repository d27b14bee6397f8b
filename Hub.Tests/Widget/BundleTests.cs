using System.IO.Compression;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Widget;

/// <summary>The widget is one minified file within its size budget (docs/benchmarks.md).</summary>
public sealed class BundleTests
{
    private const int GzipBudget = 60 * 1024;

    [Fact]
    public void TheBundle_IsOneMinifiedFile_UnderItsGzipBudget()
    {
        Assert.True(File.Exists(BrowserFixture.WidgetBundlePath), $"{BrowserFixture.WidgetBundlePath} is missing: run `npm --prefix Hub.Widget run build`.");
        var bytes = File.ReadAllBytes(BrowserFixture.WidgetBundlePath);
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        Assert.True(gzipped.Length < GzipBudget, $"widget.js is {gzipped.Length} bytes gzip, over the budget of {GzipBudget}.");
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.True(text.Count(c => c == '\n') < 5, "widget.js is minified");
        Assert.DoesNotContain("sourceMappingURL", text, StringComparison.Ordinal);
        Assert.DoesNotContain("import ", text[..Math.Min(200, text.Length)], StringComparison.Ordinal);
        Assert.True(text.All(char.IsAscii), "widget.js is ASCII, so the embedding page's charset cannot garble it");
    }
}

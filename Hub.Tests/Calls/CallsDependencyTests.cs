using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Calls;

/// <summary>Chat and Routing sit below Calls: they define hooks (IChannelHook, ICallControls) that Calls implements, and never name it.</summary>
public sealed class CallsDependencyTests
{
    [Theory]
    [InlineData("Chat")]
    [InlineData("Routing")]
    public void NoFileOfTheFeature_ReferencesTheCallsFeature(string feature)
    {
        var folder = Path.Combine(BrowserFixture.RepoRoot, "Hub.Server", "Features", feature);

        var offenders = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("SupportHub.Server.Features.Calls", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(BrowserFixture.RepoRoot, f));

        Assert.Empty(offenders);
    }

    [Fact]
    public void NoFileOfTheCallsFeature_DeclaresAnotherFeaturesNamespace()
    {
        var folder = Path.Combine(BrowserFixture.RepoRoot, "Hub.Server", "Features", "Calls");

        var offenders = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !File.ReadAllText(f).Contains("namespace SupportHub.Server.Features.Calls;", StringComparison.Ordinal))
            .Select(Path.GetFileName);

        Assert.Empty(offenders);
    }
}

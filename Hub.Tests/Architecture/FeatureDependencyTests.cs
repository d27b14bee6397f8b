using System.Text.RegularExpressions;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Architecture;

/// <summary>
/// Features depend in one direction (STYLE.md): the calls feature builds on Chat and Routing, which
/// reach it only through hooks they define themselves (IChannelHook, ICallControls).
/// </summary>
public sealed partial class FeatureDependencyTests
{
    private const string CallsNamespace = "SupportHub.Server.Features.Calls";

    [Theory]
    [InlineData("Chat")]
    [InlineData("Routing")]
    public void NoFileOfTheFeature_ReferencesTheCallsFeature(string feature)
    {
        var offenders = RepoPaths.SourceFiles(Path.Combine("Hub.Server", "Features", feature), ".cs")
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => l.line.Contains(CallsNamespace, StringComparison.Ordinal))
            .Select(l => $"{RepoPaths.Relative(l.file)}:{l.number}: {l.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, $"Features/{feature} must not reference {CallsNamespace}:\n{string.Join('\n', offenders)}");
    }

    [Fact]
    public void EveryServerFile_DeclaresTheNamespaceOfItsFolder()
    {
        var offenders = RepoPaths.SourceFiles(Path.Combine("Hub.Server", "Features"), ".cs")
            .Concat(RepoPaths.SourceFiles(Path.Combine("Hub.Server", "Infrastructure"), ".cs"))
            .Select(file => (file, declared: NamespaceLine().Match(File.ReadAllText(file)).Groups["ns"].Value))
            .Where(f => f.declared != ExpectedNamespace(f.file))
            .Select(f => $"{RepoPaths.Relative(f.file)} declares '{f.declared}', expected '{ExpectedNamespace(f.file)}'")
            .ToList();

        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
    }

    [Fact]
    public void TheChecks_SeeTheServerSources() =>
        // Guards the guards: an empty enumeration (a moved folder) would make the checks above pass vacuously.
        Assert.Contains(RepoPaths.SourceFiles(Path.Combine("Hub.Server", "Features", "Chat"), ".cs"), f => f.EndsWith("CustomerHub.cs", StringComparison.Ordinal));

    private static string ExpectedNamespace(string file)
    {
        var folder = Path.GetRelativePath(RepoPaths.Combine("Hub.Server"), Path.GetDirectoryName(file)!);
        return "SupportHub.Server." + folder.Replace(Path.DirectorySeparatorChar, '.');
    }

    [GeneratedRegex(@"^namespace (?<ns>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();
}

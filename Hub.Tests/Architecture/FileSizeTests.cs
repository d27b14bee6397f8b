using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Architecture;

/// <summary>Cost of change collects in long files; none of the sources grows past a length a reader can hold.</summary>
public sealed class FileSizeTests
{
    private const int MaxLines = 400;

    [Theory]
    [InlineData("Hub.Server", ".cs")]
    [InlineData("Hub.Widget/src", ".ts")]
    [InlineData("Hub.Console/src", ".ts")]
    public void NoSourceFile_IsLongerThan400Lines(string folder, string extension)
    {
        var files = RepoPaths.SourceFiles(folder, extension).ToList();
        Assert.NotEmpty(files);
        var tooLong = files
            .Select(file => (file, lines: File.ReadLines(file).Count()))
            .Where(f => f.lines > MaxLines)
            .Select(f => $"{RepoPaths.Relative(f.file)}: {f.lines} lines")
            .ToList();

        Assert.True(tooLong.Count == 0, $"Split these files (at most {MaxLines} lines each):\n{string.Join('\n', tooLong)}");
    }
}

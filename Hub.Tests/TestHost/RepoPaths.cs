namespace SupportHub.Tests.TestHost;

/// <summary>Where the repository's files are, for tests that read sources, docs or built bundles.</summary>
public static class RepoPaths
{
    /// <summary>The repository root (the folder with Hub.sln), found from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Files under <paramref name="folder"/> (relative to the root), without build output or packages.</summary>
    public static IEnumerable<string> SourceFiles(string folder, params string[] extensions) =>
        Directory.EnumerateFiles(Combine(folder), "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Where(f => !Path.GetRelativePath(Root, f).Split(Path.DirectorySeparatorChar).Any(IsGenerated));

    /// <summary>A path relative to the root, with forward slashes, for messages.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');

    private static bool IsGenerated(string segment) => segment is "bin" or "obj" or "node_modules" or "wwwroot";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Hub.sln above {AppContext.BaseDirectory}.");
    }
}

using System.Text.RegularExpressions;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Docs;

/// <summary>
/// The checked-out repository the tests run in: its root (the folder of Hub.sln), its documentation
/// pages, and which of the paths the pages name exist. Paths the repository ignores (.gitignore:
/// build output, data folders) are made by the build or at run time, so they are not checked.
/// </summary>
internal sealed partial class Repository
{
    /// <summary>First folders (or files) of repository paths, also when such a folder is gone.</summary>
    private static readonly string[] KnownRoots = ["Hub.Server", "Hub.Tests", "Hub.Widget", "Hub.Console", "docs", "infra", ".ci"];

    /// <summary>Extensions that make a bare name (`StartConversation.cs`) a repository path.</summary>
    private static readonly string[] PathExtensions =
        [".cs", ".ts", ".md", ".json", ".yml", ".yaml", ".sh", ".props", ".sln", ".csproj", ".html", ".css", ".js", ".mjs"];

    /// <summary>Names the docs give as examples of files an operator creates; they are not in the repository.</summary>
    private static readonly string[] Examples = ["appsettings.Production.json"];

    private readonly HashSet<string> rootEntries;
    private readonly List<string> entries;
    private readonly HashSet<string> ignoredNames = new(StringComparer.Ordinal);
    private readonly List<string> ignoredPaths = [];
    private readonly List<Regex> ignoredGlobs = [];

    private Repository(string root)
    {
        Root = root;
        ReadGitIgnore();
        rootEntries = new HashSet<string>(Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).OfType<string>(), StringComparer.Ordinal);
        rootEntries.UnionWith(KnownRoots);
        entries = [.. Walk(root).Select(e => Path.GetRelativePath(root, e).Replace('\\', '/') + (Directory.Exists(e) ? "/" : ""))];
    }

    public string Root { get; }

    /// <summary>The repository of the running test assembly.</summary>
    public static Repository Locate() => new(RepoPaths.Root);

    /// <summary>README.md and every page under docs/.</summary>
    public IReadOnlyList<MarkdownPage> DocPages() =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories)
            .Prepend(Path.Combine(Root, "README.md"))
            .Order(StringComparer.Ordinal)
            .Select(p => MarkdownPage.Load(Root, p))];

    public MarkdownPage Page(string relativePath) => MarkdownPage.Load(Root, Path.Combine(Root, relativePath));

    /// <summary>
    /// Whether an inline code span names a repository path: a path from the root (`Hub.Server/...`,
    /// `docs/routing.md`), a path inside a project (`Features/Chat/...`, `src/phone.ts`), or a
    /// file name (`StartConversation.cs`). Routes, settings, media types and placeholders are not paths.
    /// </summary>
    public bool IsPath(string span)
    {
        if (!PathLike().IsMatch(span) || span.Contains("..", StringComparison.Ordinal) || Examples.Contains(span) || IsIgnored(span))
        {
            return false;
        }

        if (rootEntries.Contains(span.Split('/')[0]))
        {
            return true;
        }

        var name = span.TrimEnd('/').Split('/')[^1];
        return span.EndsWith('/') && span.Contains('/', StringComparison.Ordinal)
            || PathExtensions.Any(e => name.EndsWith(e, StringComparison.Ordinal) && name.Length > e.Length);
    }

    /// <summary>
    /// Whether a path named by <see cref="IsPath"/> exists: from the root when it starts at the root,
    /// otherwise as the end of some path in the repository.
    /// </summary>
    public bool Exists(string span)
    {
        if (rootEntries.Contains(span.Split('/')[0]))
        {
            var full = Path.Combine(Root, span.TrimEnd('/'));
            return span.EndsWith('/') ? Directory.Exists(full) : File.Exists(full) || Directory.Exists(full);
        }

        var suffix = "/" + span;
        return entries.Any(e => ("/" + e).EndsWith(suffix, StringComparison.Ordinal) || ("/" + e.TrimEnd('/')).EndsWith(suffix, StringComparison.Ordinal));
    }

    private bool IsIgnored(string span)
    {
        var segments = span.TrimEnd('/').Split('/');
        return segments.Any(ignoredNames.Contains)
            || ignoredGlobs.Any(g => g.IsMatch(segments[^1]))
            || ignoredPaths.Any(p => p == span || p.EndsWith("/" + span, StringComparison.Ordinal));
    }

    private void ReadGitIgnore()
    {
        var file = Path.Combine(Root, ".gitignore");
        foreach (var line in File.Exists(file) ? File.ReadAllLines(file) : [])
        {
            var rule = line.Trim();
            if (rule.Length == 0 || rule.StartsWith('#'))
            {
                continue;
            }

            if (rule.Contains('*', StringComparison.Ordinal))
            {
                ignoredGlobs.Add(new Regex("^" + Regex.Escape(rule).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$"));
            }
            else if (rule.TrimEnd('/').Contains('/', StringComparison.Ordinal))
            {
                ignoredPaths.Add(rule.TrimStart('/'));
            }
            else
            {
                ignoredNames.Add(rule.TrimEnd('/'));
            }
        }
    }

    private IEnumerable<string> Walk(string dir)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
        {
            var name = Path.GetFileName(entry);
            if (name == ".git" || ignoredNames.Contains(name))
            {
                continue;
            }

            yield return entry;
            if (Directory.Exists(entry))
            {
                foreach (var inner in Walk(entry))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.][A-Za-z0-9_.\-/]*$")]
    private static partial Regex PathLike();
}

using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Tests.Docs;

/// <summary>
/// The docs name code paths, link each other and list the hubs' methods; code moves, so these
/// tests keep README.md and docs/ true to the repository and to the hubs.
/// </summary>
public sealed class DocsTests
{
    private static readonly Repository Repo = Repository.Locate();

    [Fact]
    public void EveryRepositoryPathTheDocsName_Exists()
    {
        var missing = new List<string>();
        foreach (var page in Repo.DocPages())
        {
            missing.AddRange(page.CodeSpans()
                .Where(s => Repo.IsPath(s.Text) && !Repo.Exists(s.Text))
                .Select(s => $"{page.RelativePath}:{s.Line}: `{s.Text}` does not exist in the repository"));
            missing.AddRange(page.Links()
                .Where(l => IsRelative(l.Target) && LinkedFile(page, l.Target) is { } file && !File.Exists(file) && !Directory.Exists(file))
                .Select(l => $"{page.RelativePath}:{l.Line}: link target {l.Target} does not exist in the repository"));
        }

        Assert.True(missing.Count == 0, $"{missing.Count} path(s) named in the docs do not exist:\n{string.Join('\n', missing)}");
    }

    [Fact]
    public void EveryRelativeLink_ReachesAFileAndHeading()
    {
        var pages = new Dictionary<string, MarkdownPage>(StringComparer.Ordinal);
        var broken = new List<string>();
        foreach (var page in Repo.DocPages())
        {
            foreach (var (line, target) in page.Links().Where(l => IsRelative(l.Target)))
            {
                var file = LinkedFile(page, target) ?? page.Path;
                var at = $"{page.RelativePath}:{line}: link {target}";
                if (!File.Exists(file) && !Directory.Exists(file))
                {
                    broken.Add($"{at}: {Path.GetRelativePath(Repo.Root, file)} does not exist");
                    continue;
                }

                var anchor = target.Contains('#', StringComparison.Ordinal) ? target[(target.IndexOf('#', StringComparison.Ordinal) + 1)..] : null;
                if (anchor is null || !file.EndsWith(".md", StringComparison.Ordinal))
                {
                    continue;
                }

                if (!pages.TryGetValue(file, out var linked))
                {
                    linked = pages[file] = MarkdownPage.Load(Repo.Root, file);
                }

                if (!linked.Anchors.Contains(anchor))
                {
                    broken.Add($"{at}: {linked.RelativePath} has no heading with the anchor #{anchor}");
                }
            }
        }

        Assert.True(broken.Count == 0, $"{broken.Count} broken link(s) in the docs:\n{string.Join('\n', broken)}");
    }

    [Theory]
    [InlineData("docs/protocol/customer-hub.md", typeof(CustomerHub))]
    [InlineData("docs/protocol/agent-hub.md", typeof(AgentHub))]
    public void TheMethodTable_ListsEveryHubMethod_WithItsRequestAndResult(string pagePath, Type hub)
    {
        var page = Repo.Page(pagePath);
        var methods = hub.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType is { } declaring && declaring != typeof(object)
                && !(declaring.IsGenericType ? declaring.GetGenericTypeDefinition() == typeof(Hub<>) : declaring == typeof(Hub)))
            .ToDictionary(m => m.Name, StringComparer.Ordinal);
        var rows = page.TableAfter("Methods");
        var problems = new List<string>();
        if (rows.Count == 0)
        {
            problems.Add($"{pagePath} has no method table under a heading \"Methods\"");
        }

        var documented = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, cells) in rows)
        {
            var name = cells[0].Trim('`');
            documented.Add(name);
            if (!methods.TryGetValue(name, out var method))
            {
                problems.Add($"{pagePath}:{line}: `{name}` is documented but {hub.Name} has no public method {name}");
                continue;
            }

            var (request, result) = (cells.ElementAtOrDefault(1)?.Trim('`'), cells.ElementAtOrDefault(2)?.Trim('`'));
            if (request != RequestOf(method) || result != ResultOf(method))
            {
                problems.Add($"{pagePath}:{line}: `{name}` is documented as {request} -> {result}, but {hub.Name}.{name} takes {RequestOf(method)} and returns {ResultOf(method)}");
            }
        }

        problems.AddRange(methods.Keys.Where(m => !documented.Contains(m)).Order(StringComparer.Ordinal)
            .Select(m => $"{pagePath}: {hub.Name}.{m} ({RequestOf(methods[m])} -> {ResultOf(methods[m])}) is missing from the method table"));
        problems.AddRange(MethodHeadings(page, methods, hub));
        Assert.True(problems.Count == 0, $"{pagePath} and {hub.Name} disagree:\n{string.Join('\n', problems)}");
    }

    /// <summary>Headings like "`Send(SendMessageRequest) → SendMessageResult`" must match the method too.</summary>
    private static IEnumerable<string> MethodHeadings(MarkdownPage page, Dictionary<string, MethodInfo> methods, Type hub)
    {
        foreach (var (line, text) in page.Headings)
        {
            var span = text.Split('`', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            var open = span.IndexOf('(', StringComparison.Ordinal);
            var close = span.IndexOf(") → ", StringComparison.Ordinal);
            if (!text.StartsWith('`') || open <= 0 || close < open)
            {
                continue;
            }

            var name = span[..open];
            var request = span[(open + 1)..close] is { Length: > 0 } r ? r : "(none)";
            var result = span[(close + 4)..] is "(no result)" ? "(none)" : span[(close + 4)..];
            if (!methods.TryGetValue(name, out var method))
            {
                yield return $"{page.RelativePath}:{line}: heading `{span}`: {hub.Name} has no public method {name}";
            }
            else if (request != RequestOf(method) || result != ResultOf(method))
            {
                yield return $"{page.RelativePath}:{line}: heading `{span}`, but {hub.Name}.{name} takes {RequestOf(method)} and returns {ResultOf(method)}";
            }
        }
    }

    private static string RequestOf(MethodInfo method) =>
        method.GetParameters() is [var only] ? only.ParameterType.Name : method.GetParameters().Length == 0 ? "(none)" : "several arguments";

    private static string ResultOf(MethodInfo method)
    {
        var type = method.ReturnType;
        if (type == typeof(Task) || type == typeof(void))
        {
            return "(none)";
        }

        type = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>) ? type.GetGenericArguments()[0] : type;
        var item = type.IsArray ? type.GetElementType()
            : type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(IReadOnlyList<>) || d == typeof(IEnumerable<>) || d == typeof(List<>))
                ? type.GetGenericArguments()[0]
                : null;
        return item is null ? type.Name : item.Name + "[]";
    }

    private static bool IsRelative(string target) =>
        !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal);

    /// <summary>The file a relative link points at; null for a link to an anchor of the same page.</summary>
    private static string? LinkedFile(MarkdownPage page, string target)
    {
        var path = target.Split('#')[0];
        return path.Length == 0 ? null : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page.Path)!, Uri.UnescapeDataString(path)));
    }
}

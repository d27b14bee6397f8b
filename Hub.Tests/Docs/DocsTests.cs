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

    [Fact]
    public void TheEventTable_ListsEveryClientEvent_WithItsHubAndPayload()
    {
        const string pagePath = "docs/protocol/events-and-errors.md";
        var events = new Dictionary<string, (string Hubs, string Payload)>(StringComparer.Ordinal);
        foreach (var (client, hub) in new[] { (typeof(ICustomerClient), "customer"), (typeof(IAgentClient), "agent") })
        {
            foreach (var method in client.GetMethods())
            {
                var payload = RequestOf(method);
                events[method.Name] = events.TryGetValue(method.Name, out var seen) ? ("both", seen.Payload == payload ? payload : seen.Payload + " / " + payload) : (hub, payload);
            }
        }

        var rows = Repo.Page(pagePath).TableAfter("Events");
        var problems = new List<string>();
        foreach (var (line, cells) in rows)
        {
            var name = cells[0].Trim('`');
            var (hubs, payload) = (cells.ElementAtOrDefault(1), cells.ElementAtOrDefault(2)?.Split('`', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault());
            if (!events.TryGetValue(name, out var actual))
            {
                problems.Add($"{pagePath}:{line}: event `{name}` is documented but neither ICustomerClient nor IAgentClient declares it");
            }
            else if (hubs != actual.Hubs || payload != actual.Payload)
            {
                problems.Add($"{pagePath}:{line}: event `{name}` is documented on {hubs} with {payload}, but it is sent on {actual.Hubs} with {actual.Payload}");
            }
        }

        problems.AddRange(events.Keys.Where(e => rows.All(r => r.Cells[0].Trim('`') != e)).Order(StringComparer.Ordinal)
            .Select(e => $"{pagePath}: event {e} ({events[e].Hubs}, {events[e].Payload}) is missing from the event table"));
        Assert.True(problems.Count == 0, $"The event table and the client interfaces disagree:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void EveryJsonExample_UnderAPayloadOrMethodHeading_HasTheFieldsOfItsType()
    {
        var types = typeof(ConversationDto).Assembly.GetTypes()
            .Where(t => t.IsPublic || t.IsNestedPublic)
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var page in Repo.DocPages().Where(p => p.RelativePath.StartsWith("docs/protocol/", StringComparison.Ordinal)))
        {
            foreach (var (line, text) in page.Headings.Where(h => h.Text.StartsWith('`')))
            {
                var span = text.Split('`', StringSplitOptions.RemoveEmptyEntries)[0];
                var name = span.Split('(')[0];
                var candidates = span.Contains('(', StringComparison.Ordinal)
                    ? span.Split(['(', ')', ' ', '→'], StringSplitOptions.RemoveEmptyEntries).Skip(1).Where(types.ContainsKey).Select(t => types[t]).ToList()
                    : types.TryGetValue(name, out var payload) ? [payload] : [];
                if (candidates.Count == 0 || page.JsonBlockAfter(line) is not { } example)
                {
                    continue;
                }

                var keys = ExampleKeys(example.Text);
                var at = $"{page.RelativePath}:{example.Line}: the example under `{span}`";
                if (keys is null)
                {
                    problems.Add($"{at} is not valid JSON");
                    continue;
                }

                // A payload's example shows every field; a method's example shows its request or its result, optional fields may be left out.
                var exact = !span.Contains('(', StringComparison.Ordinal);
                var fits = candidates.Any(t => FieldsOf(t) is var fields && (exact ? fields.SetEquals(keys) : keys.IsSubsetOf(fields)));
                if (!fits)
                {
                    var known = candidates.SelectMany(FieldsOf).ToHashSet(StringComparer.Ordinal);
                    var unknown = keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal);
                    var lacking = known.Where(f => !keys.Contains(f)).Order(StringComparer.Ordinal);
                    problems.Add($"{at} has fields that {string.Join(" and ", candidates.Select(t => t.Name))} lack: [{string.Join(", ", unknown)}]"
                        + (exact ? $"; it lacks the fields [{string.Join(", ", lacking)}]" : ""));
                }
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} example(s) differ from the C# contracts:\n{string.Join('\n', problems)}");
    }

    private static HashSet<string> FieldsOf(Type type) =>
        new(type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name)), StringComparer.Ordinal);

    /// <summary>The top-level field names of a JSON example (of its first item when it is an array); "..." marks an elision.</summary>
    private static HashSet<string>? ExampleKeys(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var root = document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? document.RootElement.EnumerateArray().First() : document.RootElement;
            return new HashSet<string>(root.EnumerateObject().Select(p => p.Name).Where(n => n != "..."), StringComparer.Ordinal);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
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

using System.Text.RegularExpressions;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Protocol;

/// <summary>
/// A small reader of the shared TypeScript protocol module (Hub.Widget/src/protocol): the fields of each
/// <c>export interface Name { field: type; ... }</c> and the members of each string-literal union
/// <c>export type Name = "A" | "B";</c>. Not a TypeScript parser: the module is written in this plain form.
/// </summary>
internal sealed partial class TsProtocolModule
{
    public static readonly string Folder = Path.Combine(BrowserFixture.RepoRoot, "Hub.Widget", "src", "protocol");

    private TsProtocolModule(IReadOnlyDictionary<string, IReadOnlySet<string>> interfaces, IReadOnlyDictionary<string, IReadOnlySet<string>> unions)
    {
        Interfaces = interfaces;
        Unions = unions;
    }

    /// <summary>Interface name → its field names (its own top-level members and those of the interfaces it extends; `?` dropped).</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Interfaces { get; }

    /// <summary>Type alias name → its string literals, for aliases that are unions of string literals only.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Unions { get; }

    public static TsProtocolModule Load() => Parse(Directory.GetFiles(Folder, "*.ts").Select(File.ReadAllText));

    public static TsProtocolModule Parse(IEnumerable<string> sources)
    {
        var own = new Dictionary<string, (HashSet<string> Fields, string[] Bases)>(StringComparer.Ordinal);
        var unions = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var raw in sources)
        {
            var source = StripComments(raw);
            foreach (Match header in InterfaceHeader().Matches(source))
            {
                var body = BodyAfter(source, header.Index + header.Length - 1);
                var bases = header.Groups["bases"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                own.Add(header.Groups["name"].Value, (Fields(body), bases.Select(b => b.Split('<')[0]).ToArray()));
            }

            foreach (Match alias in TypeAlias().Matches(source))
            {
                var parts = alias.Groups["rhs"].Value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length > 0 && parts.All(p => StringLiteral().IsMatch(p)))
                {
                    unions.Add(alias.Groups["name"].Value, parts.Select(p => p[1..^1]).ToHashSet(StringComparer.Ordinal));
                }
            }
        }

        var interfaces = own.Keys.ToDictionary(name => name, name => (IReadOnlySet<string>)WithBases(name, own), StringComparer.Ordinal);
        return new TsProtocolModule(interfaces, unions);
    }

    /// <summary>An interface's fields with those it inherits from interfaces of the module (others are ignored).</summary>
    private static HashSet<string> WithBases(string name, Dictionary<string, (HashSet<string> Fields, string[] Bases)> own)
    {
        var fields = new HashSet<string>(own[name].Fields, StringComparer.Ordinal);
        foreach (var parent in own[name].Bases.Where(own.ContainsKey))
        {
            fields.UnionWith(WithBases(parent, own));
        }

        return fields;
    }

    private static string StripComments(string source) => LineComment().Replace(BlockComment().Replace(source, " "), "");

    /// <summary>The text between the brace at <paramref name="open"/> and its matching close.</summary>
    private static string BodyAfter(string source, int open)
    {
        var depth = 0;
        for (var i = open; i < source.Length; i++)
        {
            depth += source[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return source[(open + 1)..i];
            }
        }

        throw new FormatException($"Unclosed interface body at offset {open}.");
    }

    private static HashSet<string> Fields(string body)
    {
        // Nested object types are dropped first, so only the interface's own members are read.
        for (var previous = ""; previous != body;)
        {
            previous = body;
            body = NestedBraces().Replace(body, "");
        }

        return Field().Matches(body).Select(m => m.Groups["field"].Value).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"export\s+interface\s+(?<name>\w+)\s*(?:<[^{]*>)?\s*(?:extends\s+(?<bases>[^{]+))?\{")]
    private static partial Regex InterfaceHeader();

    [GeneratedRegex(@"export\s+type\s+(?<name>\w+)\s*=\s*(?<rhs>[^;]+);")]
    private static partial Regex TypeAlias();

    [GeneratedRegex(@"^""[^""]*""$")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"(?m)(^|\s)//.*$")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex NestedBraces();

    [GeneratedRegex(@"(?m)(?:^|;)\s*(?:readonly\s+)?(?<field>\w+)\??\s*:")]
    private static partial Regex Field();
}

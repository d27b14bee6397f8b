using System.Text;
using System.Text.RegularExpressions;

namespace SupportHub.Tests.Docs;

/// <summary>
/// The parts of a markdown page the docs tests check: headings (with GitHub's anchors), inline code
/// spans, links and tables. Fenced code blocks are skipped: their text is an example, not a claim.
/// </summary>
internal sealed partial class MarkdownPage
{
    private MarkdownPage(string path, string relativePath, IReadOnlyList<(int Line, string Text)> lines, IReadOnlyList<(int Line, string Info, string Text)> blocks)
    {
        Path = path;
        RelativePath = relativePath;
        Lines = lines;
        Blocks = blocks;
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var headings = new List<(int Line, string Text)>();
        foreach (var (number, text) in lines)
        {
            if (HeadingLine().Match(text) is { Success: true } heading)
            {
                headings.Add((number, heading.Groups[2].Value));
                var slug = Slug(heading.Groups[2].Value);
                var unique = slug;
                for (var i = 1; !anchors.Add(unique); i++)
                {
                    unique = $"{slug}-{i}"; // GitHub numbers repeated headings: x, x-1, x-2
                }
            }
        }

        Anchors = anchors;
        Headings = headings;
    }

    public string Path { get; }

    /// <summary>The page's path from the repository root, with '/' separators.</summary>
    public string RelativePath { get; }

    /// <summary>Line number (1-based) and text of every line outside fenced code blocks.</summary>
    public IReadOnlyList<(int Line, string Text)> Lines { get; }

    public IReadOnlyList<(int Line, string Text)> Headings { get; }

    /// <summary>Fenced code blocks: the line of the opening fence, its info string ("json") and the text.</summary>
    public IReadOnlyList<(int Line, string Info, string Text)> Blocks { get; }

    public IReadOnlySet<string> Anchors { get; }

    public static MarkdownPage Load(string root, string path)
    {
        var relative = System.IO.Path.GetRelativePath(root, path).Replace('\\', '/');
        var lines = new List<(int, string)>();
        var blocks = new List<(int, string, string)>();
        var fence = (string?)null;
        var block = new StringBuilder();
        var (number, blockLine, info) = (0, 0, "");
        foreach (var line in File.ReadAllLines(path))
        {
            number++;
            var trimmed = line.TrimStart();
            var marker = trimmed.StartsWith("```", StringComparison.Ordinal) ? "```" : trimmed.StartsWith("~~~", StringComparison.Ordinal) ? "~~~" : null;
            if (marker is not null && fence is null)
            {
                (fence, blockLine, info) = (marker, number, trimmed[3..].Trim());
                block.Clear();
            }
            else if (marker is not null && fence == marker)
            {
                fence = null;
                blocks.Add((blockLine, info, block.ToString()));
            }
            else if (fence is null)
            {
                lines.Add((number, line));
            }
            else
            {
                block.AppendLine(line);
            }
        }

        return new MarkdownPage(path, relative, lines, blocks);
    }

    /// <summary>Every inline code span (`like this`), with its line.</summary>
    public IEnumerable<(int Line, string Text)> CodeSpans() =>
        Lines.SelectMany(l => CodeSpan().Matches(l.Text).Select(m => (l.Line, m.Groups[1].Value.Trim())));

    /// <summary>Every link and image target ([text](target)), code spans excluded, with its line.</summary>
    public IEnumerable<(int Line, string Target)> Links() =>
        Lines.SelectMany(l => Link().Matches(CodeSpan().Replace(l.Text, "")).Select(m => (l.Line, m.Groups[1].Value)));

    /// <summary>
    /// The rows of the first table after the heading <paramref name="heading"/> (header and separator
    /// rows left out), as trimmed cells; empty when there is no such heading or table.
    /// </summary>
    public IReadOnlyList<(int Line, string[] Cells)> TableAfter(string heading)
    {
        var start = Headings.FirstOrDefault(h => h.Text == heading).Line;
        if (start == 0)
        {
            return [];
        }

        var rows = Lines.SkipWhile(l => l.Line <= start)
            .SkipWhile(l => !l.Text.StartsWith('|'))
            .TakeWhile(l => l.Text.StartsWith('|'))
            .Select(l => (l.Line, Cells: l.Text.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray()))
            .ToList();
        return rows.Count < 2 ? [] : rows[2..];
    }

    /// <summary>The first json block between the heading at <paramref name="headingLine"/> and the next heading.</summary>
    public (int Line, string Text)? JsonBlockAfter(int headingLine)
    {
        var next = Headings.Select(h => h.Line).Where(l => l > headingLine).DefaultIfEmpty(int.MaxValue).Min();
        return Blocks.Where(b => b.Line > headingLine && b.Line < next && b.Info == "json").Select(b => ((int, string)?)(b.Line, b.Text)).FirstOrDefault();
    }

    /// <summary>
    /// GitHub's anchor for a heading: the rendered text in lower case, spaces to '-', and every
    /// character dropped that is not a letter, a digit, '-' or '_'.
    /// </summary>
    public static string Slug(string heading)
    {
        var text = InlineLink().Replace(heading, "$1");
        var slug = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    [GeneratedRegex(@"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex InlineLink();
}

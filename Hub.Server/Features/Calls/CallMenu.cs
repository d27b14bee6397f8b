using SupportHub.Server.Features.Routing;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// The phone menu, built from the configured topics: digit N chooses the N-th topic of
/// <c>Hub:Twilio:MenuTopics</c>, or, when that is empty, of <c>Hub:Routing:Topics</c> in the order
/// configuration lists them (sorted by name). Saying a topic's name (or its spoken word) chooses it
/// too. Without any topic the menu only asks to press 1 for an agent; * always asks for a ticket number.
/// </summary>
internal sealed class CallMenu
{
    /// <summary>One key per topic: 1 to 9.</summary>
    public const int MaxTopics = 9;

    /// <summary>Other words callers use for well-known topics, in any of the line's languages.</summary>
    private static readonly Dictionary<string, string[]> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["billing"] = ["bill", "invoice", "rechnung"],
        ["technical"] = ["tech"],
    };

    private readonly CallTexts texts;

    public CallMenu(TwilioOptions twilio, RoutingOptions routing)
    {
        texts = CallTexts.For(twilio.Language);
        var topics = twilio.MenuTopics.Count > 0 ? twilio.MenuTopics : [.. routing.Topics.Keys];
        Choices = [.. topics.Take(MaxTopics).Select((topic, i) => Choice(topic.Trim(), i + 1))];
    }

    public IReadOnlyList<MenuChoice> Choices { get; }

    /// <summary>What the menu says after the greeting.</summary>
    public string Prompt =>
        string.Join(' ', Choices.Count == 0 ? [texts.MenuAgent] : Choices.Select(c => texts.MenuChoice(c.Label, c.Digit, c.Word))) + " " + texts.MenuTicket;

    /// <summary>Speech recognition hints: the spoken words of the topics.</summary>
    public string Hints => string.Join(", ", Choices.Select(c => c.Word));

    /// <summary>The topic a key or an utterance chose; false when it chose none (the menu is said again).</summary>
    public bool TryChoose(string? digits, string? speech, out string? topic)
    {
        topic = null;
        var key = digits?.Trim();
        if (Choices.Count == 0)
        {
            return key == "1" || (string.IsNullOrEmpty(key) && !string.IsNullOrWhiteSpace(speech));
        }

        var chosen = Choices.FirstOrDefault(c => key == c.Digit.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ?? Choices.FirstOrDefault(c => !string.IsNullOrWhiteSpace(speech) && c.Keywords.Any(k => speech.Contains(k, StringComparison.OrdinalIgnoreCase)));
        topic = chosen?.Topic;
        return chosen is not null;
    }

    private MenuChoice Choice(string topic, int digit)
    {
        var (label, word) = texts.KnownTopics.TryGetValue(topic, out var known) ? known : (topic, topic);
        string[] keywords = [topic, word, .. Synonyms.GetValueOrDefault(topic) ?? []];
        return new MenuChoice(digit, topic, label, word, keywords);
    }

    /// <param name="Label">What the menu calls the topic ("technical questions").</param>
    /// <param name="Word">What the caller may say to choose it ("technical").</param>
    internal sealed record MenuChoice(int Digit, string Topic, string Label, string Word, IReadOnlyList<string> Keywords);
}

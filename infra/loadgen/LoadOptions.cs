using System.Globalization;
using System.Net;

namespace SupportHub.Loadgen;

/// <summary>Command line: <c>--url</c>, <c>--conversations</c>, <c>--seconds</c>, <c>--max-messages</c>, <c>--label</c>.</summary>
public sealed record LoadOptions(Uri Url, int Conversations, TimeSpan Duration, int MaxMessagesPerConversation, string Label)
{
    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        var url = new Uri(values.GetValueOrDefault("url", "http://127.0.0.1:5080"));
        // Loopback only: this program floods whatever it points at.
        if (!url.IsLoopback && !(IPAddress.TryParse(url.Host, out var ip) && IPAddress.IsLoopback(ip)))
        {
            throw new ArgumentException($"Only a loopback address is allowed, not {url}.");
        }

        var options = new LoadOptions(
            url,
            Number(values, "conversations", 50),
            TimeSpan.FromSeconds(Number(values, "seconds", 20)),
            Number(values, "max-messages", 100_000),
            values.GetValueOrDefault("label", string.Empty));
        if (options.Conversations is < 1 or > 2000 || options.Duration <= TimeSpan.Zero || options.Duration > TimeSpan.FromMinutes(10) || options.MaxMessagesPerConversation < 1)
        {
            throw new ArgumentException("Need 1-2000 conversations, 1-600 seconds and at least one message per conversation.");
        }

        return options;
    }

    private static int Number(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}

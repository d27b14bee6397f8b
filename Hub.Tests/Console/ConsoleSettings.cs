namespace SupportHub.Tests.Console;

/// <summary>Routing fast enough for browser tests.</summary>
internal static class ConsoleSettings
{
    public static Dictionary<string, string?> FastRouting(TimeSpan? offerTimeout = null) => new()
    {
        ["Hub:Routing:SweepInterval"] = "00:00:00.100",
        ["Hub:Routing:OfferTimeout"] = (offerTimeout ?? TimeSpan.FromSeconds(30)).ToString("c"),
        ["Hub:Routing:Topics:billing"] = "billing",
    };
}

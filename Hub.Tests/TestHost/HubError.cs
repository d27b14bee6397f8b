using Microsoft.AspNetCore.SignalR;

namespace SupportHub.Tests.TestHost;

/// <summary>
/// SignalR clients see a hub error as "An unexpected error occurred invoking 'X' on the server.
/// HubException: code: detail"; this reads the protocol part back (docs/protocol/events-and-errors.md).
/// </summary>
public static class HubError
{
    private const string Marker = "HubException: ";

    public static string Of(HubException exception)
    {
        var at = exception.Message.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"Not a Hub protocol error: {exception.Message}");
        return exception.Message[(at + Marker.Length)..];
    }
}

using SupportHub.Server.Features.Routing;

namespace SupportHub.Tests.Routing;

public sealed class BusinessHoursTests
{
    private static readonly BusinessHours Berlin = new() { TimeZone = "Europe/Berlin", Open = new(8, 0), Close = new(18, 0) };

    [Theory]
    [InlineData("2026-11-26T07:30:00Z", true)]  // Thursday 08:30 in Berlin
    [InlineData("2026-11-26T06:59:00Z", false)] // 07:59 in Berlin
    [InlineData("2026-11-26T17:00:00Z", false)] // 18:00 in Berlin: closed from Close on
    [InlineData("2026-11-28T10:00:00Z", false)] // Saturday
    [InlineData("2026-07-01T06:30:00Z", true)]  // summer time: 08:30 in Berlin
    public void IsOpen_FollowsTheLocalClockAndWeekdays(string utc, bool open) =>
        Assert.Equal(open, Berlin.IsOpen(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void OutsideHours_NobodyCanAnswer_EvenWithAgentsOnline()
    {
        var options = new RoutingOptions { BusinessHours = Berlin };
        var online = new AgentPresence { AgentId = "a", Status = PresenceStatus.Available, Levels = [1] };

        var closed = RoutingAvailability.Of(options, [online], DateTimeOffset.Parse("2026-11-28T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var open = RoutingAvailability.Of(options, [online], DateTimeOffset.Parse("2026-11-26T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var empty = RoutingAvailability.Of(options, [online with { Status = PresenceStatus.Offline }], DateTimeOffset.Parse("2026-11-26T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(new Availability(false, RoutingAvailability.OutsideHours), closed);
        Assert.Equal(new Availability(true, null), open);
        Assert.Equal(new Availability(false, RoutingAvailability.NobodyOnline), empty);
    }
}

namespace SupportHub.Server.Features.Routing;

/// <summary>When support is staffed. Outside these hours customers are told at once and offered to leave a message.</summary>
public sealed class BusinessHours
{
    /// <summary>An IANA or Windows time zone id, such as "Europe/Berlin".</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Open days; unset means Monday to Friday. (No default list: configuration would add to it.)</summary>
    public List<DayOfWeek>? Days { get; set; }

    public IReadOnlyList<DayOfWeek> EffectiveDays =>
        Days ?? [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public TimeOnly Open { get; set; } = new(8, 0);

    public TimeOnly Close { get; set; } = new(18, 0);

    public bool IsOpen(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(TimeZone));
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        return EffectiveDays.Contains(local.DayOfWeek) && time >= Open && time < Close;
    }

    public static bool IsKnownTimeZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}

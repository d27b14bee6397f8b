namespace SupportHub.Server.Features.Routing;

public enum PresenceStatus
{
    Offline,
    Available,
    Busy,
    Away,
}

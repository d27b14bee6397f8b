namespace SupportHub.Server.Features.Audit;

internal static partial class AuditLogMessages
{
    [LoggerMessage(EventId = 8101, Level = LogLevel.Error,
        Message = "Audit entry not stored ({Action} of {TargetType} {TargetId} by {ActorId}); the action went ahead")]
    public static partial void RecordFailed(ILogger logger, Exception exception, string action, string targetType, string? targetId, string? actorId);
}

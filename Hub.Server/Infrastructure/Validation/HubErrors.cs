using Microsoft.AspNetCore.SignalR;

namespace SupportHub.Server.Infrastructure.Validation;

/// <summary>
/// Hub errors reach clients as <see cref="HubException"/> messages of the form <c>code: detail</c>;
/// the codes are part of the protocol (docs/protocol/events-and-errors.md).
/// </summary>
public static class HubErrors
{
    public const string ValidationFailed = "validation_failed";
    public const string NotFound = "not_found";
    public const string Forbidden = "forbidden";
    public const string Conflict = "conflict";
    public const string Closed = "conversation_closed";

    public static HubException Create(string code, string detail) => new($"{code}: {detail}");

    public static HubException ConversationNotFound(string id) =>
        Create(NotFound, $"Conversation '{id}' does not exist.");
}

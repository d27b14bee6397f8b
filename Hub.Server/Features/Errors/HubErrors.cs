namespace SupportHub.Server.Features.Errors;

/// <summary>
/// The protocol's error codes (docs/protocol/events-and-errors.md) and the refusals use cases throw with them. Clients
/// read them as <c>code: detail</c>: a HubException message on the hubs, problem details over HTTP
/// (the hub and endpoint filters of Infrastructure/Validation do the mapping).
/// </summary>
public static class HubErrors
{
    public const string ValidationFailed = "validation_failed";
    public const string NotFound = "not_found";
    public const string Forbidden = "forbidden";
    public const string Conflict = "conflict";
    public const string Closed = "conversation_closed";
    public const string RateLimited = "rate_limited";

    /// <summary>Twilio did not carry out a change to a phone call in time (hold, hang-up, a transfer): the call is as it was.</summary>
    public const string CallFailed = "call_failed";

    public static UseCaseException Create(string code, string detail) => new(code, detail);

    /// <summary>A limit refused the call; the detail starts with <c>Retry after N s</c> (docs/security.md#limits).</summary>
    public static UseCaseException TooFast(int retryAfterSeconds, string reason) =>
        Create(RateLimited, $"Retry after {retryAfterSeconds} s: {reason}");

    public static UseCaseException ConversationNotFound(string id) =>
        Create(NotFound, $"Conversation '{id}' does not exist.");
}

namespace SupportHub.Tests.Authorization;

/// <summary>What a caller gets: let through to the use case, or refused in one of the documented ways.</summary>
public enum Outcome
{
    /// <summary>Past authorization: a result, or a refusal for another reason (conflict, validation_failed, conversation_closed).</summary>
    Allowed,

    /// <summary>Hub error <c>forbidden: ...</c>.</summary>
    Forbidden,

    /// <summary>Hub error <c>not_found: ...</c>: another customer's conversation answers like one that does not exist.</summary>
    NotFound,

    /// <summary>The method's policy refused: <c>Failed to invoke 'X' because user is unauthorized</c>.</summary>
    Unauthorized,

    /// <summary>The hub refuses the connection itself (401 without a token of the right kind, 403 with a token of the wrong kind).</summary>
    NoConnection,

    /// <summary>HTTP 401: no token, or not a valid one.</summary>
    Status401,

    /// <summary>HTTP 403: a valid token without the role.</summary>
    Status403,

    /// <summary>HTTP 403 from the Twilio signature check: only Twilio may call, whatever token is sent.</summary>
    TwilioSignature,
}

namespace SupportHub.Server.Infrastructure.Limits;

/// <summary>
/// Every abuse limit in one place, <c>Hub:Limits</c> (docs/configuration.md#limits). On by default;
/// each one keyed on the client address, the account, the visitor or the hub connection.
/// </summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Hub:Limits";

    /// <summary>Failed sign-ins from one client address, whatever the account.</summary>
    public RateLimit SignInFailuresPerAddress { get; set; } = RateLimit.Of(20, TimeSpan.FromMinutes(5));

    /// <summary>Failed sign-ins to one account from one client address: the lockout that cannot shut out the owner elsewhere.</summary>
    public RateLimit SignInFailuresPerAccount { get; set; } = RateLimit.Of(5, TimeSpan.FromMinutes(5));

    /// <summary>Visitors (POST /api/visitors) created from one client address.</summary>
    public RateLimit VisitorsPerAddress { get; set; } = RateLimit.Of(30, TimeSpan.FromMinutes(1));

    /// <summary>Conversations one visitor starts (StartConversation, all its connections together).</summary>
    public RateLimit ConversationsPerVisitor { get; set; } = RateLimit.Of(10, TimeSpan.FromMinutes(10));

    /// <summary>Conversations of one visitor waiting for an agent at once; a start beyond it is refused.</summary>
    public int WaitingConversationsPerVisitor { get; set; } = 3;

    /// <summary>Send and LeaveMessage on one customer hub connection.</summary>
    public RateLimit CustomerMessagesPerConnection { get; set; } = RateLimit.Of(30, TimeSpan.FromSeconds(30));

    /// <summary>Send and AddNote on one agent hub connection.</summary>
    public RateLimit AgentMessagesPerConnection { get; set; } = RateLimit.Of(120, TimeSpan.FromSeconds(30));

    /// <summary>Typing calls on one connection of either hub; the ones beyond it are dropped without an answer.</summary>
    public RateLimit TypingPerConnection { get; set; } = RateLimit.Of(30, TimeSpan.FromSeconds(30));

    /// <summary>Request body of the anonymous endpoints (sign-in, visitors).</summary>
    public long AnonymousRequestBodyBytes { get; set; } = 32 * 1024;

    /// <summary>Request body of every other endpoint (Kestrel's limit).</summary>
    public long RequestBodyBytes { get; set; } = 1024 * 1024;
}

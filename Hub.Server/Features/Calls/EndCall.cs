using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Calls;

/// <summary>Twilio's status callback says the call is over: the conversation ends and the agent's voice capacity is free again.</summary>
public sealed class EndCall(CloseConversation close)
{
    private static readonly HashSet<string> FinalStatuses = new(StringComparer.OrdinalIgnoreCase) { "completed", "no-answer", "busy", "failed", "canceled" };

    public static bool IsFinal(string? callStatus) => callStatus is not null && FinalStatuses.Contains(callStatus);

    /// <summary>A caller who hung up while waiting is recorded as abandoned, with the wait.</summary>
    /// <remarks>A repeated callback changes nothing: only the first one closes the conversation.</remarks>
    public Task EndAsync(Conversation conversation, string callStatus, CancellationToken ct) =>
        close.EndAsync(
            conversation,
            now => conversation.AssignedAt is null
                ? $"The caller hung up after waiting {Format(now - conversation.CreatedAt)} without reaching an agent (abandoned, {callStatus})."
                : $"The call ended ({callStatus}) after {Format(now - conversation.AssignedAt.Value)} with the agent.",
            ct);

    private static string Format(TimeSpan span) =>
        span < TimeSpan.Zero ? "0:00" : $"{(int)span.TotalMinutes}:{span.Seconds:00}";
}

using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Calls;

/// <summary>Twilio's status callback says the call is over: the conversation ends and the agent's voice capacity is free again.</summary>
public sealed class EndCall(CloseConversation close, CallFollowUp followUps)
{
    private static readonly HashSet<string> FinalStatuses = new(StringComparer.OrdinalIgnoreCase) { "completed", "no-answer", "busy", "failed", "canceled" };

    public static bool IsFinal(string? callStatus) => callStatus is not null && FinalStatuses.Contains(callStatus);

    /// <summary>
    /// A caller who hung up while waiting is recorded as abandoned, with the wait, and, when their
    /// number is known, a callback task of the ticket asks an agent to call them back.
    /// </summary>
    /// <remarks>A repeated callback changes nothing: only the first one closes the conversation.</remarks>
    public async Task EndAsync(Conversation conversation, string callStatus, CancellationToken ct)
    {
        var abandoned = !conversation.IsWithAgent || conversation.AssignedAt is null;
        var closed = await close.EndAsync(
            conversation,
            now => abandoned
                ? $"The caller hung up after waiting {Format(now - conversation.CreatedAt)} without reaching an agent (abandoned, {callStatus})."
                : $"The call ended ({callStatus}) after {Format(now - conversation.AssignedAt!.Value)} with the agent.",
            ct);
        if (closed && abandoned && conversation.IsLiveCall && conversation.Call?.CallerNumber is { } number)
        {
            await followUps.CreateAsync(conversation, $"Abandoned call: please call {number} back.", ct);
        }
    }

    private static string Format(TimeSpan span) =>
        span < TimeSpan.Zero ? "0:00" : $"{(int)span.TotalMinutes}:{span.Seconds:00}";
}

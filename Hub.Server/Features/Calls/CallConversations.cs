using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// The deterministic ids of what a call creates, so that a webhook Twilio repeats (to this node or
/// another) finds what the first one created. Ids are only ever built here, never read back: what a
/// conversation's call is, is in <see cref="Conversation.Call"/>.
/// </summary>
public static class CallConversations
{
    /// <summary>The conversation of a live call.</summary>
    public static string LiveId(string callSid) => "voice-" + callSid;

    /// <summary>The voicemail or callback task a call left.</summary>
    public static string FollowUpId(string callSid) => "followup-" + callSid;

    /// <summary>The customer a number stands for: one per number, however they called.</summary>
    public static string CustomerId(string from) => "tel-" + new string([.. from.Where(char.IsAsciiLetterOrDigit)]);

    /// <summary>A number Twilio names the caller by, as one to call back (+ and its digits); null for anything else (anonymous, a browser client).</summary>
    public static string? CallableNumber(string from)
    {
        var digits = new string([.. from.Where(char.IsAsciiLetterOrDigit)]);
        return digits.Length > 0 && digits.All(char.IsAsciiDigit) ? "+" + digits : null;
    }

    /// <summary>Starting a call and its follow-up hold this lock, so that a webhook repeated to another node creates nothing twice.</summary>
    internal static readonly TimeSpan LockLease = TimeSpan.FromSeconds(30);

    internal static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    internal static string LockKey(string callSid) => "call:" + callSid;
}

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

    /// <summary>What Twilio sends as <c>From</c> when the caller withheld their number, or the network did not pass it on.</summary>
    private static readonly HashSet<string> WithheldValues = new(StringComparer.OrdinalIgnoreCase)
    {
        "", "anonymous", "restricted", "unknown", "unavailable", "private", "blocked",

        // The same words as keypad digits, which some carriers pass on: ANONYMOUS, RESTRICTED, UNAVAILABLE, BLOCKED.
        "266696687", "7378742833", "86282452253", "2562533",
    };

    /// <summary>True when the caller's number is withheld: such callers are never merged into one customer.</summary>
    public static bool IsWithheld(string from) => WithheldValues.Contains(from.Trim().TrimStart('+'));

    /// <summary>
    /// The customer a number stands for: one per number, however they called. A withheld number stands
    /// for nobody in particular: each such call is a customer of its own.
    /// </summary>
    public static string CustomerId(string from, string callSid) =>
        IsWithheld(from) ? "tel-withheld-" + callSid : "tel-" + new string([.. from.Where(char.IsAsciiLetterOrDigit)]);

    /// <summary>A number Twilio names the caller by, as one to call back (+ and its digits); null for anything else (withheld, a browser client).</summary>
    public static string? CallableNumber(string from)
    {
        var digits = new string([.. from.Where(char.IsAsciiLetterOrDigit)]);
        return !IsWithheld(from) && digits.Length > 0 && digits.All(char.IsAsciiDigit) ? "+" + digits : null;
    }

    /// <summary>Starting a call and its follow-up hold this lock, so that a webhook repeated to another node creates nothing twice.</summary>
    internal static readonly TimeSpan LockLease = TimeSpan.FromSeconds(30);

    internal static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    internal static string LockKey(string callSid) => "call:" + callSid;
}

using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// A webhook handler's parameter for the conversation of the webhook's call. <see cref="KnownCallFilter"/>
/// loads it by the CallSid before the handler runs, and answers 404 when no such call is known here;
/// an endpoint marked <see cref="FollowUpAttribute"/> gets the call's voicemail or callback task instead.
/// </summary>
public sealed class KnownCall
{
    public Conversation Conversation { get; internal set; } = null!;

    /// <summary>Binding only makes the slot: the filter, which runs after binding, fills it.</summary>
    public static ValueTask<KnownCall?> BindAsync(HttpContext context) => ValueTask.FromResult<KnownCall?>(new KnownCall());

    /// <summary>The webhook is about the task the call left (a voicemail's transcription), not the call itself.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class FollowUpAttribute : Attribute;

    /// <summary>
    /// A webhook Twilio sends also for calls that never became a conversation (a caller who hung up in
    /// the menu): for an unknown call it answers 200 with an empty TwiML response and logs it at
    /// information, so Twilio's debugger records no error.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class HarmlessWhenUnknownAttribute : Attribute;
}

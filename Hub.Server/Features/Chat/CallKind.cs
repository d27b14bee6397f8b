namespace SupportHub.Server.Features.Chat;

/// <summary>What a voice conversation is: a caller on the line, or a task a call left behind.</summary>
public enum CallKind
{
    /// <summary>A caller is (or was) on the line; call controls act on the call.</summary>
    Live,

    /// <summary>A voicemail or callback request: nobody is on the line; the agent calls back.</summary>
    FollowUp,
}

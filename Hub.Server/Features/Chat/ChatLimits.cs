namespace SupportHub.Server.Features.Chat;

/// <summary>Input limits of the chat protocol (docs/protocol/events-and-errors.md lists them).</summary>
public static class ChatLimits
{
    public const int MaxTextLength = 4000;
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MaxTopicLength = 120;
    public const int MaxClientMessageIdLength = 64;
    public const int MaxIdLength = 64;
    public const int MaxResolutionLength = 4000;
    public const int MaxRatingCommentLength = 1000;

    /// <summary>Messages returned by one resume call; the client asks again while HasMore is true.</summary>
    public const int ResumePageSize = 500;

    /// <summary>SignalR frame limit: above the text limits, so too-long text gets a clear validation error.</summary>
    public const long MaxFrameBytes = 64 * 1024;
}

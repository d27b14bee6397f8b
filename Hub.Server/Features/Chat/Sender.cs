namespace SupportHub.Server.Features.Chat;

/// <summary>Who writes a message: from the caller's token, never from the request.</summary>
public sealed record Sender(SenderRole Role, string? Id, string? Name)
{
    public static readonly Sender System = new(SenderRole.System, null, "Hub");
}

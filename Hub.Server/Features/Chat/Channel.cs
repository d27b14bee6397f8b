namespace SupportHub.Server.Features.Chat;

public enum Channel
{
    Chat,
    Voice,
}

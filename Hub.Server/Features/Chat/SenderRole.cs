namespace SupportHub.Server.Features.Chat;

public enum SenderRole
{
    Customer,
    Agent,
    System,
}

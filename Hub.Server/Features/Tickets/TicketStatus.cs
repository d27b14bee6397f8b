namespace SupportHub.Server.Features.Tickets;

public enum TicketStatus
{
    Open,
    Pending,
    Escalated,
    Resolved,
    Closed,
    Reopened,
}

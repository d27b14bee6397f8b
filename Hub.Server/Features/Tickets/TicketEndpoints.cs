using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportHub.Server.Features.Audit;
using SupportHub.Server.Infrastructure.Auth;
using SupportHub.Server.Infrastructure.Validation;

namespace SupportHub.Server.Features.Tickets;

/// <summary>
/// Tickets for staff. Every level reads every ticket; a read by anyone but the ticket's last agent
/// is recorded in the audit log (best-effort), as is a customer's ticket list unless the reader is
/// the last agent of every ticket on it.
/// </summary>
public static class TicketEndpoints
{
    public static IEndpointRouteBuilder MapTickets(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tickets").RequireAuthorization(HubPolicies.Staff).WithValidation();
        group.MapGet("/{number:long}", GetByNumber);
        group.MapGet("/", ListByCustomer);
        return app;
    }

    private static async Task<Results<Ok<Ticket>, NotFound>> GetByNumber(
        long number, ITicketStore tickets, AuditTrail audit, HttpContext http, CancellationToken ct)
    {
        if (await tickets.GetByNumberAsync(number, ct) is not { } ticket)
        {
            return TypedResults.NotFound();
        }

        if (ticket.LastAgentId != http.User.FindFirstValue(HubClaims.Subject))
        {
            await audit.TryRecordAsync(AuditEntry.For(AuditActor.Of(http), AuditActions.TicketRead, AuditTargets.Ticket, ticket.Id, $"ticket {ticket.Number}"), ct);
        }

        return TypedResults.Ok(ticket);
    }

    private static async Task<Ok<IReadOnlyList<Ticket>>> ListByCustomer(
        [AsParameters] TicketQuery query, ITicketStore tickets, AuditTrail audit, HttpContext http, CancellationToken ct)
    {
        var list = await tickets.ListByCustomerAsync(query.CustomerId!, ct);
        var reader = http.User.FindFirstValue(HubClaims.Subject);
        if (list.Any(t => t.LastAgentId != reader))
        {
            var numbers = string.Join(", ", list.Select(t => t.Number));
            await audit.TryRecordAsync(AuditEntry.For(AuditActor.Of(http), AuditActions.TicketRead, AuditTargets.Customer, query.CustomerId, $"tickets {numbers}"), ct);
        }

        return TypedResults.Ok(list);
    }
}

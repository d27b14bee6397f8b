using Microsoft.AspNetCore.Http.HttpResults;
using SupportHub.Server.Infrastructure.Auth;
using SupportHub.Server.Infrastructure.Validation;

namespace SupportHub.Server.Features.Tickets;

public static class TicketEndpoints
{
    public static IEndpointRouteBuilder MapTickets(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tickets").RequireAuthorization(HubPolicies.Staff).WithValidation();
        group.MapGet("/{number:long}", GetByNumber);
        group.MapGet("/", ListByCustomer);
        return app;
    }

    private static async Task<Results<Ok<Ticket>, NotFound>> GetByNumber(long number, ITicketStore tickets, CancellationToken ct) =>
        await tickets.GetByNumberAsync(number, ct) is { } ticket ? TypedResults.Ok(ticket) : TypedResults.NotFound();

    private static async Task<Ok<IReadOnlyList<Ticket>>> ListByCustomer(
        [AsParameters] TicketQuery query, ITicketStore tickets, CancellationToken ct) =>
        TypedResults.Ok(await tickets.ListByCustomerAsync(query.CustomerId!, ct));
}

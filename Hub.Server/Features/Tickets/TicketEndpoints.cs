using Microsoft.AspNetCore.Http.HttpResults;
using SupportHub.Server.Infrastructure.Auth;

namespace SupportHub.Server.Features.Tickets;

public static class TicketEndpoints
{
    public static IEndpointRouteBuilder MapTickets(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tickets").RequireAuthorization(HubPolicies.Staff);
        group.MapGet("/{number:long}", GetByNumber);
        group.MapGet("/", ListByCustomer);
        return app;
    }

    private static async Task<Results<Ok<Ticket>, NotFound>> GetByNumber(long number, ITicketStore tickets, CancellationToken ct) =>
        await tickets.GetByNumberAsync(number, ct) is { } ticket ? TypedResults.Ok(ticket) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<Ticket>>, ValidationProblem>> ListByCustomer(
        string? customerId, ITicketStore tickets, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(customerId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["customerId"] = ["customerId is required."] });
        }

        return TypedResults.Ok(await tickets.ListByCustomerAsync(customerId, ct));
    }
}

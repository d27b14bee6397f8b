using Microsoft.AspNetCore.Http.HttpResults;
using SupportHub.Server.Infrastructure.Auth;

namespace SupportHub.Server.Features.Customers;

public static class CustomerEndpoints
{
    /// <summary>The customer record for the console's customer panel; staff only.</summary>
    public static IEndpointRouteBuilder MapCustomers(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/customers").RequireAuthorization(HubPolicies.Staff).MapGet("/{id}", GetCustomer);
        return app;
    }

    private static async Task<Results<Ok<CustomerDto>, NotFound>> GetCustomer(string id, ICustomerStore customers, CancellationToken ct) =>
        await customers.GetAsync(id, ct) is { } c
            ? TypedResults.Ok(new CustomerDto(c.Id, c.Name, c.Email, c.ExternalId is not null, c.CreatedAt, c.LastSeenAt, c.PhoneNumber, c.NameVerified, c.EmailVerified))
            : TypedResults.NotFound();
}

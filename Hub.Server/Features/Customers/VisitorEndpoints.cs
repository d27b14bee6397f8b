using Microsoft.AspNetCore.Http.HttpResults;
using SupportHub.Server.Infrastructure.Auth;
using SupportHub.Server.Infrastructure.Validation;

namespace SupportHub.Server.Features.Customers;

public static class VisitorEndpoints
{
    public static IEndpointRouteBuilder MapVisitors(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/visitors").WithValidation().MapPost("/", CreateVisitor);
        return app;
    }

    /// <summary>A new customer and its signed visitor token, which grants access to its own conversations only.</summary>
    private static async Task<Created<VisitorSession>> CreateVisitor(
        CreateVisitorRequest? request, ICustomerStore customers, TokenService tokens, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var customer = new Customer
        {
            Id = HubIds.New(time),
            Name = string.IsNullOrWhiteSpace(request?.Name) ? null : request.Name.Trim(),
            Email = string.IsNullOrWhiteSpace(request?.Email) ? null : request.Email.Trim(),
            CreatedAt = now,
            LastSeenAt = now,
        };
        await customers.CreateAsync(customer, ct);
        var token = tokens.IssueVisitorToken(customer.Id);
        return TypedResults.Created((string?)null, new VisitorSession(customer.Id, token.Token, token.ExpiresAt));
    }
}

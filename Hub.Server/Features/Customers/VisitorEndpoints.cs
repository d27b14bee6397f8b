using Microsoft.AspNetCore.Http.HttpResults;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Infrastructure.Auth;
using SupportHub.Server.Infrastructure.Limits;
using SupportHub.Server.Infrastructure.Validation;

namespace SupportHub.Server.Features.Customers;

public static class VisitorEndpoints
{
    public static IEndpointRouteBuilder MapVisitors(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithValidation().RequireCors(WidgetHosting.WidgetHostingExtensions.CorsPolicy);
        group.MapPost("/visitors", CreateVisitor).WithVisitorLimits();
        group.MapGet("/availability", Availability);
        return app;
    }

    /// <summary>Whether a chat can be answered now, so the widget can show the offline form before the first message.</summary>
    private static async Task<Ok<Availability>> Availability(RoutingGateway queue) => TypedResults.Ok(await queue.AvailabilityAsync());

    /// <summary>
    /// A signed visitor token, which grants access to that customer's own conversations only: a new
    /// customer, or, with a verified site user id, that user's customer record on every device.
    /// </summary>
    private static async Task<Results<Created<VisitorSession>, ProblemHttpResult>> CreateVisitor(
        CreateVisitorRequest? request, ICustomerStore customers, IdentityVerifier identity, TokenService tokens, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        Customer? customer = null;
        if (request?.UserId is { Length: > 0 } userId)
        {
            if (!identity.Verify(userId, request.UserHash))
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Identity not verified",
                    detail: identity.IsConfigured
                        ? "UserHash is not the HMAC-SHA256 of UserId with this site's secret."
                        : "Identity verification is off: set Hub:Identity:Secret to accept user ids.");
            }

            customer = await customers.GetByExternalIdAsync(userId, ct);
        }

        if (customer is null)
        {
            // Insert-first: two devices of one site user signing in at once get one customer, the one stored first.
            customer = await customers.CreateAsync(new Customer
            {
                Id = HubIds.New(time),
                ExternalId = request?.UserId is { Length: > 0 } ? request.UserId : null,
                Name = string.IsNullOrWhiteSpace(request?.Name) ? null : request.Name.Trim(),
                Email = string.IsNullOrWhiteSpace(request?.Email) ? null : request.Email.Trim(),
                CreatedAt = now,
                LastSeenAt = now,
            }, ct);
        }

        var token = tokens.IssueVisitorToken(customer.Id);
        return TypedResults.Created((string?)null, new VisitorSession(customer.Id, token.Token, token.ExpiresAt));
    }
}

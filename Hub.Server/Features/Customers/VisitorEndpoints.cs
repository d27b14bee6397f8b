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
    /// customer, or, with a verified site user (identity token, or the legacy user hash), that user's
    /// customer record on every device, carrying the attributes the site signed.
    /// </summary>
    private static async Task<Results<Created<VisitorSession>, ProblemHttpResult>> CreateVisitor(
        CreateVisitorRequest? request, ICustomerStore customers, IdentityVerifier identity, TokenService tokens, TimeProvider time, CancellationToken ct)
    {
        var check = request switch
        {
            { IdentityToken: { Length: > 0 } token } => await identity.VerifyTokenAsync(token),
            { UserId: { Length: > 0 } userId } => identity.VerifyLegacyHash(userId, request.UserHash),
            _ => null,
        };
        if (check is { Identity: null })
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Identity not verified",
                detail: check.Detail,
                extensions: new Dictionary<string, object?> { ["code"] = check.Code });
        }

        var verified = check?.Identity;
        var now = time.GetUtcNow();
        var customer = verified is null ? null : await customers.GetByExternalIdAsync(verified.UserId, ct);
        // Insert-first: two devices of one site user signing in at once get one customer, the one stored first.
        customer ??= await customers.CreateAsync(new Customer
        {
            Id = HubIds.New(time),
            ExternalId = verified?.UserId,
            Name = string.IsNullOrWhiteSpace(request?.Name) ? null : request.Name.Trim(),
            Email = string.IsNullOrWhiteSpace(request?.Email) ? null : request.Email.Trim(),
            CreatedAt = now,
            LastSeenAt = now,
        }, ct);

        // The site is the authority on what it signs: its latest name and e-mail win over anything typed.
        if (verified is not null && customer.TakeSignedAttributes(verified))
        {
            await customers.ReplaceAsync(customer, ct);
        }

        var issued = tokens.IssueVisitorToken(customer.Id);
        return TypedResults.Created((string?)null, new VisitorSession(customer.Id, issued.Token, issued.ExpiresAt));
    }
}

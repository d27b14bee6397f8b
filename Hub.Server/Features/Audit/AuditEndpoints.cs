using Microsoft.AspNetCore.Http.HttpResults;
using SupportHub.Server.Infrastructure.Auth;
using SupportHub.Server.Infrastructure.Validation;

namespace SupportHub.Server.Features.Audit;

public static class AuditEndpoints
{
    public const string Path = "/api/audit";

    /// <summary>The audit log for supervisors and admins: filters, newest first, paged.</summary>
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGroup(Path).RequireAuthorization(HubPolicies.Supervisor).WithValidation().MapGet("/", List);
        return app;
    }

    private static async Task<Ok<AuditPage>> List([AsParameters] AuditQuery query, AuditTrail audit, CancellationToken ct) =>
        TypedResults.Ok(await audit.QueryAsync(query, ct));
}

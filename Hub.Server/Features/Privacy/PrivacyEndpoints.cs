using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Audit;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Infrastructure.Auth;
using SupportHub.Server.Infrastructure.Validation;

namespace SupportHub.Server.Features.Privacy;

/// <summary>The data-subject operations, admins only (docs/protocol/http.md, docs/security.md).</summary>
public static class PrivacyEndpoints
{
    private const int SearchLimit = 50;

    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/customers").RequireAuthorization(HubPolicies.Admin).WithValidation();
        group.MapGet("/", Search);
        group.MapGet("/{id}/export", Export);
        group.MapPost("/{id}/erase", Erase);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<Customer>>> Search([AsParameters] CustomerSearchQuery query, ICustomerStore customers, CancellationToken ct) =>
        TypedResults.Ok(await customers.SearchAsync(Given(query.Email), Given(query.Phone), Given(query.ExternalId), SearchLimit, ct));

    /// <summary>A download: the same JSON the API speaks, as an attachment named for the customer.</summary>
    private static async Task<FileContentHttpResult> Export(
        string id, HttpContext http, ExportCustomer export, AuditTrail audit, IOptions<JsonOptions> json, CancellationToken ct)
    {
        // Recorded before the data leaves: when the log cannot be written, nothing is exported.
        await audit.RecordAsync(AuditEntry.For(AuditActor.Of(http), AuditActions.CustomerExported, AuditTargets.Customer, id), ct);
        var document = await export.ExportAsync(id, ct);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, json.Value.SerializerOptions);
        return TypedResults.File(bytes, "application/json", $"customer-{id}.json");
    }

    private static async Task<Ok<ErasureResult>> Erase(string id, HttpContext http, EraseCustomer erase, AuditTrail audit, CancellationToken ct)
    {
        await audit.RecordAsync(AuditEntry.For(AuditActor.Of(http), AuditActions.CustomerErased, AuditTargets.Customer, id), ct);
        return TypedResults.Ok(await erase.EraseAsync(id, ct));
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using Microsoft.AspNetCore.Http.HttpResults;

namespace SupportHub.Server.Infrastructure;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHubHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Health);
        return app;
    }

    private static Ok<HealthReport> Health(HubMode mode) => TypedResults.Ok(new HealthReport("ok", mode.DocumentStore, mode.RoutingState));

    public sealed record HealthReport(string Status, string DocumentStore, string RoutingState);
}

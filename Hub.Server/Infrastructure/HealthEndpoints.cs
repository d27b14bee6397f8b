using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportHub.Server.Features.Calls;

namespace SupportHub.Server.Infrastructure;

public static class HealthEndpoints
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapHubHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Health);
        return app;
    }

    /// <summary>200 when this node can route; 503 when the Redis it depends on does not answer.</summary>
    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> Health(HubMode mode, IOptions<TwilioOptions> twilio, IServiceProvider services)
    {
        if (mode.RoutingState == HubMode.Redis && !await RedisAnswersAsync(services.GetRequiredService<IConnectionMultiplexer>()))
        {
            return TypedResults.Json(new HealthReport("unhealthy: Redis does not answer", mode.DocumentStore, mode.RoutingState, twilio.Value.IsEnabled ? "on" : "off"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Ok(new HealthReport("ok", mode.DocumentStore, mode.RoutingState, twilio.Value.IsEnabled ? "on" : "off"));
    }

    private static async Task<bool> RedisAnswersAsync(IConnectionMultiplexer redis)
    {
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(ProbeTimeout);
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return false;
        }
    }

    /// <param name="Voice">"on" when phone calls through Twilio are configured, else "off".</param>
    public sealed record HealthReport(string Status, string DocumentStore, string RoutingState, string Voice);
}

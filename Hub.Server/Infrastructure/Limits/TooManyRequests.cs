using SupportHub.Server.Features.Errors;

namespace SupportHub.Server.Infrastructure.Limits;

/// <summary>The HTTP refusal of every limit: 429 problem details with code <c>rate_limited</c>, <c>retryAfter</c> and a Retry-After header.</summary>
public static class TooManyRequests
{
    public static IResult Result(HttpContext context, int retryAfterSeconds, string detail)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: detail,
            extensions: new Dictionary<string, object?> { ["code"] = HubErrors.RateLimited, ["retryAfter"] = retryAfterSeconds });
    }
}

using Microsoft.AspNetCore.Http.HttpResults;

namespace SupportHub.Server.Infrastructure.Limits;

/// <summary>Refuses a sign-in with 429 while <see cref="SignInThrottle"/> says so, and counts the failures (401) it lets through.</summary>
internal sealed class SignInLimitFilter<TRequest>(SignInThrottle throttle, Func<TRequest, string?> account) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
        if (request is null || account(request) is not { } email)
        {
            return await next(context);
        }

        var address = ClientAddress.Of(context.HttpContext);
        if (throttle.RefusedFor(address, email) is { } wait)
        {
            return TooManyRequests.Result(context.HttpContext, wait, $"Too many failed sign-ins: try again in {wait} s.");
        }

        var result = await next(context);
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        if (inner is IStatusCodeHttpResult { StatusCode: StatusCodes.Status401Unauthorized })
        {
            throttle.Failed(address, email);
        }

        return result;
    }
}

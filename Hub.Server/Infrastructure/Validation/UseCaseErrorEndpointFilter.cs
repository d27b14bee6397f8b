using SupportHub.Server.Features.Errors;

namespace SupportHub.Server.Infrastructure.Validation;

/// <summary>
/// Answers a use case's refusal (<see cref="UseCaseException"/>) over HTTP as problem details: the
/// status from the code, the code itself in the <c>code</c> member, as the hub filter sends
/// <c>code: detail</c>. A refusal is an answer, not a fault: it never reaches the exception handler,
/// which would log it as an error and answer 500.
/// </summary>
internal sealed class UseCaseErrorEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (UseCaseException refusal)
        {
            return ToProblem(refusal);
        }
    }

    /// <summary><c>type</c> is left to the problem details defaults: the RFC 9110 section of the status.</summary>
    internal static IResult ToProblem(UseCaseException refusal)
    {
        var (status, title) = refusal.Code switch
        {
            HubErrors.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            HubErrors.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            HubErrors.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
            HubErrors.Closed => (StatusCodes.Status409Conflict, "Conversation closed"),
            HubErrors.ValidationFailed => (StatusCodes.Status400BadRequest, "Validation failed"),
            HubErrors.RateLimited => (StatusCodes.Status429TooManyRequests, "Too many requests"),
            _ => (StatusCodes.Status400BadRequest, "Request refused"),
        };
        return TypedResults.Problem(
            detail: refusal.Detail,
            statusCode: status,
            title: title,
            extensions: new Dictionary<string, object?> { ["code"] = refusal.Code });
    }
}

using FluentValidation;

namespace SupportHub.Server.Infrastructure.Validation;

/// <summary>Runs the FluentValidation validator of every endpoint argument; failures become a ValidationProblem.</summary>
internal sealed class ValidationEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is null || argument is CancellationToken || argument is HttpContext)
            {
                continue;
            }

            var validatorType = typeof(IValidator<>).MakeGenericType(argument.GetType());
            if (context.HttpContext.RequestServices.GetService(validatorType) is not IValidator validator)
            {
                continue;
            }

            var result = await validator.ValidateAsync(new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
            if (!result.IsValid)
            {
                return TypedResults.ValidationProblem(ValidationErrors.ToDictionary(result));
            }
        }

        return await next(context);
    }
}

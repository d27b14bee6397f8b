using FluentValidation;
using Microsoft.AspNetCore.SignalR;

namespace SupportHub.Server.Infrastructure.Validation;

/// <summary>Runs the FluentValidation validator of every hub method argument before the method.</summary>
internal sealed class ValidationHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var parameters = invocationContext.HubMethod.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            var argument = invocationContext.HubMethodArguments[i];
            var type = parameters[i].ParameterType;
            if (type == typeof(CancellationToken))
            {
                continue;
            }

            var validator = (IValidator?)invocationContext.ServiceProvider.GetService(typeof(IValidator<>).MakeGenericType(type));
            if (validator is null)
            {
                continue;
            }

            if (argument is null)
            {
                throw HubErrors.Create(HubErrors.ValidationFailed, $"A {type.Name} is required.");
            }

            var result = await validator.ValidateAsync(
                new ValidationContext<object>(argument), invocationContext.Context.ConnectionAborted);
            if (!result.IsValid)
            {
                throw ValidationErrors.ToHubException(result);
            }
        }

        return await next(invocationContext);
    }
}

using FluentValidation;
using Microsoft.AspNetCore.SignalR;
using SupportHub.Server.Features.Errors;

namespace SupportHub.Server.Infrastructure.Validation;

/// <summary>
/// Runs the FluentValidation validator of every hub method argument before the method, and answers
/// a use case's refusal (<see cref="UseCaseException"/>, from validation or from the method) as the
/// <see cref="HubException"/> <c>code: detail</c> that clients parse. A refusal is an answer, not a
/// fault: only faults are logged as errors, here (SignalR's own log of failed invocations, which
/// counts refusals too, is turned off in <see cref="ValidationExtensions.AddHubValidation"/>).
/// </summary>
internal sealed partial class ValidationHubFilter(ILogger<ValidationHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            await ValidateAsync(invocationContext);
            return await next(invocationContext);
        }
        catch (UseCaseException refusal)
        {
            throw ToHubException(refusal);
        }
        catch (Exception fault) when (fault is not HubException)
        {
            LogMethodFailed(fault, invocationContext.Hub.GetType().Name, invocationContext.HubMethodName);
            throw;
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        try
        {
            await next(context);
        }
        catch (UseCaseException refusal)
        {
            throw ToHubException(refusal);
        }
    }

    /// <summary>The wire format of every hub error: clients split the message at the first ": ".</summary>
    internal static HubException ToHubException(UseCaseException refusal) => new($"{refusal.Code}: {refusal.Detail}");

    private static async Task ValidateAsync(HubInvocationContext invocationContext)
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
                throw ValidationErrors.ToUseCaseException(result);
            }
        }
    }

    [LoggerMessage(EventId = 9201, Level = LogLevel.Error, Message = "Hub method {Hub}.{Method} failed")]
    private partial void LogMethodFailed(Exception exception, string hub, string method);
}

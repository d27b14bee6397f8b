using FluentValidation;

namespace SupportHub.Server.Infrastructure.Validation;

public static class ValidationExtensions
{
    private const string HubDispatcherLogCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public static IHostApplicationBuilder AddHubValidation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatorsFromAssemblyContaining<ValidationHubFilter>(includeInternalTypes: true);
        builder.Services.AddSingleton<ValidationHubFilter>();
        // Malformed bodies answer 400 problem details in every environment; Development would
        // otherwise throw them into the developer exception page as a 500.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        // SignalR logs every failed hub invocation at Error, a use case's refusal too, and nothing else
        // of this category above Debug; ValidationHubFilter logs the faults itself.
        builder.Logging.AddFilter(HubDispatcherLogCategory, LogLevel.Critical);
        return builder;
    }

    /// <summary>
    /// Validates every argument of the group's endpoints with its FluentValidation validator, and
    /// answers a use case's refusal as problem details (the HTTP side of what the hub filter does).
    /// </summary>
    public static RouteGroupBuilder WithValidation(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter<UseCaseErrorEndpointFilter>();
        group.AddEndpointFilter<ValidationEndpointFilter>();
        return group;
    }
}

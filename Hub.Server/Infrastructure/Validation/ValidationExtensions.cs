using FluentValidation;

namespace SupportHub.Server.Infrastructure.Validation;

public static class ValidationExtensions
{
    public static IHostApplicationBuilder AddHubValidation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatorsFromAssemblyContaining<ValidationHubFilter>(includeInternalTypes: true);
        builder.Services.AddSingleton<ValidationHubFilter>();
        return builder;
    }

    /// <summary>Validates every argument of the group's endpoints with its FluentValidation validator.</summary>
    public static RouteGroupBuilder WithValidation(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter<ValidationEndpointFilter>();
        return group;
    }
}

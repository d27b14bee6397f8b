using Microsoft.Extensions.Options;

namespace SupportHub.Server.Features.Customers;

public static class CustomersExtensions
{
    public static IHostApplicationBuilder AddCustomers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidation>();
        builder.Services.AddSingleton<IdentityVerifier>();
        return builder;
    }
}

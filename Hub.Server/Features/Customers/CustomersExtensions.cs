namespace SupportHub.Server.Features.Customers;

public static class CustomersExtensions
{
    public static IHostApplicationBuilder AddCustomers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.SectionName);
        builder.Services.AddSingleton<IdentityVerifier>();
        return builder;
    }
}

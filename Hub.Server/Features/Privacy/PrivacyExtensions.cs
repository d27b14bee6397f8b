using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Routing;

namespace SupportHub.Server.Features.Privacy;

public static class PrivacyExtensions
{
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PrivacyOptions>, FluentValidateOptions<PrivacyOptions>>();
        builder.Services.AddScoped<ExportCustomer>();
        builder.Services.AddScoped<EraseCustomer>();
        builder.Services.AddSingleton<RetentionSweep>();
        builder.Services.AddHostedService<RetentionWorker>();
        return builder;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Privacy;
using SupportHub.Server.Infrastructure.Validation;

namespace SupportHub.Tests.Privacy;

public sealed class PrivacySettingsTests
{
    [Fact]
    public void Defaults_KeepTranscripts_AndAnonymizeOnceAPeriodIsSet()
    {
        var options = Options(new Dictionary<string, string?>());

        Assert.Equal(((TimeSpan?)null, TranscriptErasure.Anonymize, TimeSpan.FromHours(1), 200), (options.RetentionPeriod, options.RetentionMode, options.RetentionInterval, options.RetentionBatchSize));
        Assert.Equal(
            (TimeSpan.FromDays(90), TranscriptErasure.Delete),
            Options(new Dictionary<string, string?> { ["Hub:Privacy:RetentionPeriod"] = "90.00:00:00", ["Hub:Privacy:RetentionMode"] = "Delete" }) is var set
                ? (set.RetentionPeriod, set.RetentionMode) : default);
    }

    [Theory]
    [InlineData("Hub:Privacy:RetentionPeriod", "00:00:10")]
    [InlineData("Hub:Privacy:RetentionInterval", "00:00:00")]
    [InlineData("Hub:Privacy:RetentionBatchSize", "0")]
    public void ABadSetting_StopsTheStart_NamingIt(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static PrivacyOptions Options(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddHubValidation();
        builder.Services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.SectionName);
        builder.Services.AddSingleton<IValidateOptions<PrivacyOptions>, SupportHub.Server.Features.Routing.FluentValidateOptions<PrivacyOptions>>();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<PrivacyOptions>>().Value;
    }
}

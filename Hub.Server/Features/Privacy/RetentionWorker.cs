using Microsoft.Extensions.Options;

namespace SupportHub.Server.Features.Privacy;

/// <summary>Runs a <see cref="RetentionSweep"/> pass every <see cref="PrivacyOptions.RetentionInterval"/>, when a retention period is set.</summary>
internal sealed partial class RetentionWorker(RetentionSweep sweep, IOptions<PrivacyOptions> options, TimeProvider time, ILogger<RetentionWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RetentionPeriod is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RetentionInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await sweep.RunPassAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogPassFailed(e); // a store hiccup: the next pass finds what this one left
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "A retention pass failed; the next one goes on")]
    private partial void LogPassFailed(Exception exception);
}

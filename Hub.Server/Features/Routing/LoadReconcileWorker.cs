using Microsoft.Extensions.Options;

namespace SupportHub.Server.Features.Routing;

/// <summary>
/// Runs a <see cref="LoadReconciler"/> and a <see cref="QueueReconciler"/> pass every
/// <see cref="RoutingOptions.LoadReconcileInterval"/>.
/// </summary>
internal sealed partial class LoadReconcileWorker(
    LoadReconciler reconciler, QueueReconciler queue, IOptions<RoutingOptions> options, TimeProvider time, ILogger<LoadReconcileWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LoadReconcileInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await reconciler.RunPassAsync(stoppingToken);
                    await queue.RunPassAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // A store or Redis hiccup: the next pass compares again.
                    LogPassFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 2403, Level = LogLevel.Error, Message = "A load reconciliation pass failed; the next one compares again")]
    private partial void LogPassFailed(Exception exception);
}

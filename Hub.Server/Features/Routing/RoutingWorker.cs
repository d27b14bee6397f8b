using Microsoft.Extensions.Options;

namespace SupportHub.Server.Features.Routing;

/// <summary>Runs a routing pass when kicked, and at least every sweep interval for timeouts and presence.</summary>
internal sealed partial class RoutingWorker(
    RoutingEngine engine, RoutingTrigger trigger, IOptions<RoutingOptions> options, TimeProvider time, ILogger<RoutingWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await engine.RunPassAsync(stoppingToken);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var kicked = trigger.WaitAsync(wait.Token);
                var swept = Task.Delay(options.Value.SweepInterval, time, wait.Token);
                await Task.WhenAny(kicked, swept);
                await wait.CancelAsync();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A failed pass (a Redis hiccup, a store timeout) must not stop routing: the next one retries.
                LogPassFailed(e);
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Error, Message = "A routing pass failed; retrying")]
    private partial void LogPassFailed(Exception exception);
}

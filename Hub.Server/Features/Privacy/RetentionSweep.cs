using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Audit;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Infrastructure.Locks;

namespace SupportHub.Server.Features.Privacy;

/// <summary>
/// One retention pass: closed conversations whose close is older than the retention period are
/// erased (<see cref="PrivacyOptions.RetentionMode"/>). Nodes take turns through one lock; the work
/// is idempotent besides, so a node that lost its lease only repeats what another did.
/// </summary>
public sealed partial class RetentionSweep(
    IConversationStore conversations, IDistributedLock locks, IOptions<PrivacyOptions> options, AuditTrail audit, TimeProvider time, ILogger<RetentionSweep> logger)
{
    internal const string LockKey = "privacy:retention";

    /// <summary>Batches per pass, so one pass ends; the next pass goes on where this one stopped.</summary>
    private const int MaxBatches = 50;

    /// <summary>The number of conversations erased; 0 when retention is off or another node runs the pass.</summary>
    public async Task<int> RunPassAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (settings.RetentionPeriod is not { } period)
        {
            return 0;
        }

        IAsyncDisposable held;
        try
        {
            held = await locks.AcquireAsync(LockKey, lease: TimeSpan.FromMinutes(10), timeout: TimeSpan.FromMilliseconds(100), ct);
        }
        catch (TimeoutException)
        {
            return 0; // another node is at it
        }

        await using (held)
        {
            var cutoff = time.GetUtcNow() - period;
            var erased = 0;
            for (var batch = 0; batch < MaxBatches; batch++)
            {
                var due = await conversations.ListClosedBeforeAsync(cutoff, settings.RetentionBatchSize, ct);
                foreach (var conversation in due)
                {
                    erased += await conversations.TryEraseAsync(conversation.Id, settings.RetentionMode, time.GetUtcNow(), ct) ? 1 : 0;
                }

                if (due.Count < settings.RetentionBatchSize)
                {
                    break;
                }
            }

            if (erased > 0)
            {
                LogErased(erased, settings.RetentionMode, cutoff);
                await audit.TryRecordAsync(
                    AuditEntry.For(AuditActor.System, AuditActions.RetentionRun, AuditTargets.Hub, null, $"{erased} conversations closed before {cutoff:O} ({settings.RetentionMode})"),
                    ct);
            }

            return erased;
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Retention erased {Count} conversations closed before {Cutoff} ({Mode})")]
    private partial void LogErased(int count, TranscriptErasure mode, DateTimeOffset cutoff);
}

using System.IO.Pipelines;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// The transport's input as the hub reads it, noting when bytes last arrived and whether the hub is
/// waiting for more. Used by <see cref="SilentClientWatch"/>; every call is passed on unchanged.
/// </summary>
internal sealed class ReceiveWatchingReader(PipeReader inner, TimeProvider time) : PipeReader
{
    private long lastHeard = time.GetTimestamp();
    private int waiting;

    /// <summary>How long the hub has been waiting for bytes that do not come; null while it is not waiting.</summary>
    public TimeSpan? SilentFor() =>
        Volatile.Read(ref waiting) == 1 ? time.GetElapsedTime(Interlocked.Read(ref lastHeard)) : null;

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        // Silence counts from when the hub starts waiting, never from before (it may have been busy).
        Interlocked.Exchange(ref lastHeard, time.GetTimestamp());
        Volatile.Write(ref waiting, 1);
        try
        {
            var result = await inner.ReadAsync(cancellationToken);
            Interlocked.Exchange(ref lastHeard, time.GetTimestamp());
            return result;
        }
        finally
        {
            Volatile.Write(ref waiting, 0);
        }
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }

        Interlocked.Exchange(ref lastHeard, time.GetTimestamp());
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
}

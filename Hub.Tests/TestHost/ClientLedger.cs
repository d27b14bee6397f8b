using SupportHub.Server.Features.Chat;

namespace SupportHub.Tests.TestHost;

/// <summary>
/// What a client that follows docs/protocol/client-guide.md keeps for one conversation: an outbox
/// of messages not yet acknowledged, each with the clientMessageId it was given once, and the
/// messages it has seen keyed by seq. Sends go out several at a time; a send that fails for any
/// reason stays in the outbox, to be sent again with the same id after a reconnect.
/// </summary>
public sealed class ClientLedger
{
    private const int MaxResumePages = 100;

    private readonly Lock gate = new();
    private readonly List<(string Id, string Text)> outbox = [];
    private readonly Dictionary<string, SendMessageResult> acknowledged = [];
    private readonly SortedDictionary<long, MessageDto> messages = [];
    private readonly List<string> conflicts = [];
    private TaskCompletionSource progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every (clientMessageId, text) the user sent, in the order sent.</summary>
    public List<(string Id, string Text)> Sent { get; } = [];

    /// <summary>Sends that failed (connection lost, server error), each kept in the outbox.</summary>
    public int Failures { get; private set; }

    /// <summary>Acknowledgements that said duplicate: a re-send of a message stored before its first answer was lost.</summary>
    public int Duplicates { get; private set; }

    public IReadOnlyList<(string Id, string Text)> Pending
    {
        get
        {
            lock (gate)
            {
                return [.. outbox];
            }
        }
    }

    public IReadOnlyDictionary<string, SendMessageResult> Acknowledged
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, SendMessageResult>(acknowledged);
            }
        }
    }

    /// <summary>What the client shows, in seq order.</summary>
    public IReadOnlyList<MessageDto> Messages
    {
        get
        {
            lock (gate)
            {
                return [.. messages.Values];
            }
        }
    }

    /// <summary>Two different messages seen under one seq: a broken promise, whatever the transcript says.</summary>
    public IReadOnlyList<string> Conflicts
    {
        get
        {
            lock (gate)
            {
                return [.. conflicts];
            }
        }
    }

    public long HighestSeq
    {
        get
        {
            lock (gate)
            {
                return messages.Count == 0 ? 0 : messages.Keys.Max();
            }
        }
    }

    /// <summary>The user sends: a new clientMessageId, once, into the outbox.</summary>
    public void Write(string text)
    {
        var id = Guid.NewGuid().ToString("N");
        lock (gate)
        {
            outbox.Add((id, text));
            Sent.Add((id, text));
        }
    }

    /// <summary>A message arrived (event, acknowledgement or resume): kept by seq, a repeat ignored.</summary>
    public void Receive(IEnumerable<MessageDto> arrived)
    {
        lock (gate)
        {
            foreach (var message in arrived)
            {
                if (!messages.TryAdd(message.Seq, message) && !SameMessage(messages[message.Seq], message))
                {
                    conflicts.Add($"seq {message.Seq}: {messages[message.Seq]} and {message}");
                }
            }
        }
    }

    /// <summary>Sends everything in the outbox, at most <paramref name="inFlight"/> at once; returns when each was answered or failed.</summary>
    public async Task SendPendingAsync(Func<string, string, Task<SendMessageResult>> send, int inFlight)
    {
        using var slots = new SemaphoreSlim(inFlight);
        var sends = Pending.Select(async message =>
        {
            await slots.WaitAsync();
            try
            {
                var result = await send(message.Id, message.Text);
                lock (gate)
                {
                    outbox.Remove(message);
                    acknowledged[message.Id] = result;
                    Duplicates += result.Duplicate ? 1 : 0;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                lock (gate)
                {
                    Failures++;
                }
            }
            finally
            {
                slots.Release();
                Progressed();
            }
        }).ToList();
        await Task.WhenAll(sends);
    }

    /// <summary>Waits until at least <paramref name="count"/> sends were acknowledged.</summary>
    public async Task WaitForAcknowledgedAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (acknowledged.Count >= count)
                {
                    return;
                }

                next = progress.Task;
            }

            try
            {
                await next.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited for {count} acknowledgements; got {Acknowledged.Count}.");
            }
        }
    }

    /// <summary>Resume after the highest seq held, page by page while the server says there is more.</summary>
    public async Task<ResumeResult> ResumeAsync(Func<long, Task<ResumeResult>> resume)
    {
        for (var page = 0; page < MaxResumePages; page++)
        {
            var result = await resume(HighestSeq);
            Receive(result.Messages);
            if (!result.HasMore)
            {
                return result;
            }
        }

        throw new InvalidOperationException($"Resume still had more after {MaxResumePages} pages.");
    }

    /// <summary>The whole transcript from seq 0, as a client that starts afresh reads it.</summary>
    public static async Task<IReadOnlyList<MessageDto>> ReadTranscriptAsync(Func<long, Task<ResumeResult>> resume)
    {
        var fresh = new ClientLedger();
        await fresh.ResumeAsync(resume);
        return fresh.Messages;
    }

    /// <summary>An event carries the server's clock to the tick, the store keeps milliseconds: the time is not compared.</summary>
    private static bool SameMessage(MessageDto a, MessageDto b) =>
        (a.ConversationId, a.ClientMessageId, a.SenderRole, a.SenderName, a.Kind, a.Text) == (b.ConversationId, b.ClientMessageId, b.SenderRole, b.SenderName, b.Kind, b.Text);

    private void Progressed()
    {
        TaskCompletionSource previous;
        lock (gate)
        {
            previous = progress;
            progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }
}

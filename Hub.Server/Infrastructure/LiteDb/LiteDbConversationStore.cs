using LiteDB;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Infrastructure.LiteDb;

/// <summary>
/// Every write that a client is answered for returns only once it is on disk (<see cref="DurableCommit"/>),
/// also when it changed nothing: the state it answers from may come from a commit whose fsync is still running.
/// Read markers are not waited for.
/// </summary>
internal sealed class LiteDbConversationStore(LiteDbContext db, DurableCommit durable) : IConversationStore
{
    public Task CreateAsync(Conversation conversation, CancellationToken ct = default)
    {
        db.Conversations.Insert(conversation);
        return durable.AfterCommitAsync();
    }

    /// <summary>The unique start key is checked and taken under the write lock, as one step.</summary>
    public Task<Conversation> CreateOrGetStartAsync(Conversation conversation, CancellationToken ct = default)
    {
        var key = conversation.StartClientMessageId
            ?? throw new ArgumentException("A start needs its client message id.", nameof(conversation));
        lock (db.WriteGate)
        {
            if (FindStart(conversation.CustomerId, key) is { } earlier)
            {
                return durable.AfterCommitAsync(earlier);
            }

            db.Conversations.Insert(conversation);
            return durable.AfterCommitAsync(conversation);
        }
    }

    public Task<Conversation?> FindStartAsync(string customerId, string startClientMessageId, CancellationToken ct = default) =>
        Task.FromResult(FindStart(customerId, startClientMessageId));

    private Conversation? FindStart(string customerId, string startClientMessageId) =>
        db.Conversations.FindOne(c => c.CustomerId == customerId && c.StartClientMessageId == startClientMessageId);

    public Task<Conversation?> GetAsync(string id, CancellationToken ct = default) =>
        Task.FromResult<Conversation?>(db.Conversations.FindById(id));

    public Task<IReadOnlyList<Conversation>> ListByStatusAsync(ConversationStatus status, int limit, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Conversation>>(db.Conversations.Query()
            .Where(c => c.Status == status)
            .OrderBy(c => c.CreatedAt)
            .Limit(limit)
            .ToList());

    public Task<IReadOnlyList<Conversation>> ListWaitingAtLevelAsync(int level, int skip, int limit, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Conversation>>(db.Conversations.Query()
            .Where(c => c.Status == ConversationStatus.Waiting && c.Level == level)
            .OrderBy(c => c.CreatedAt)
            .Offset(skip)
            .Limit(limit)
            .ToList());

    public Task<IReadOnlyList<Conversation>> ListByCustomerAsync(string customerId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Conversation>>(db.Conversations.Query()
            .Where(c => c.CustomerId == customerId)
            .OrderByDescending(c => c.CreatedAt)
            .ToList());

    public Task<IReadOnlyList<Conversation>> ListOpenByAgentAsync(string agentId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Conversation>>(db.Conversations.Query()
            .Where(c => c.AssignedAgentId == agentId && c.Status == ConversationStatus.Active)
            .OrderBy(c => c.CreatedAt)
            .ToList());

    public Task<bool> TryAssignAsync(string id, string agentId, DateTimeOffset at, CancellationToken ct = default)
    {
        lock (db.WriteGate)
        {
            var conversation = db.Conversations.FindById(id);
            return durable.AfterCommitAsync(conversation is not null && conversation.TryAssign(agentId, at) && db.Conversations.Update(conversation));
        }
    }

    public Task<bool> TryRequeueAsync(string id, string? expectedAgentId, int level, CancellationToken ct = default)
    {
        lock (db.WriteGate)
        {
            var conversation = db.Conversations.FindById(id);
            return durable.AfterCommitAsync(conversation is not null && conversation.TryRequeue(expectedAgentId, level) && db.Conversations.Update(conversation));
        }
    }

    public Task<bool> TryReassignAsync(string id, string agentId, DateTimeOffset at, CancellationToken ct = default)
    {
        lock (db.WriteGate)
        {
            var conversation = db.Conversations.FindById(id);
            return durable.AfterCommitAsync(conversation is not null && conversation.TryReassign(agentId, at) && db.Conversations.Update(conversation));
        }
    }

    public Task<bool> TryReopenAsync(string id, string agentId, DateTimeOffset at, CancellationToken ct = default)
    {
        lock (db.WriteGate)
        {
            var conversation = db.Conversations.FindById(id);
            return durable.AfterCommitAsync(conversation is not null && conversation.TryReopen(agentId, at) && db.Conversations.Update(conversation));
        }
    }

    public Task<bool> TryCloseAsync(string id, ConversationStatus closedStatus, DateTimeOffset at, CancellationToken ct = default)
    {
        lock (db.WriteGate)
        {
            var conversation = db.Conversations.FindById(id);
            return durable.AfterCommitAsync(conversation is not null && conversation.TryClose(closedStatus, at) && db.Conversations.Update(conversation));
        }
    }

    public Task<bool> TryEndWaitingAsync(string id, DateTimeOffset at, CancellationToken ct = default)
    {
        lock (db.WriteGate)
        {
            var conversation = db.Conversations.FindById(id);
            return durable.AfterCommitAsync(conversation is not null && conversation.TryEndWaiting(at) && db.Conversations.Update(conversation));
        }
    }

    public Task<bool> TryRateAsync(string id, int score, string? comment, DateTimeOffset at, CancellationToken ct = default)
    {
        lock (db.WriteGate)
        {
            var conversation = db.Conversations.FindById(id);
            return durable.AfterCommitAsync(conversation is not null && conversation.TryRate(score, comment, at) && db.Conversations.Update(conversation));
        }
    }

    public Task<AppendResult> AppendAsync(NewMessage message, CancellationToken ct = default)
    {
        lock (db.WriteGate)
        {
            if (message.ClientMessageId is { } clientId)
            {
                var first = FindByClientMessageId(message.ConversationId, clientId);
                if (first is not null)
                {
                    return durable.AfterCommitAsync(new AppendResult(first, Duplicate: true));
                }
            }

            var conversation = db.Conversations.FindById(message.ConversationId)
                ?? throw new KeyNotFoundException($"Conversation {message.ConversationId} does not exist.");
            if (conversation.ErasedAt is not null || (Conversation.NeedsOpen(message.Kind) && !conversation.IsOpen))
            {
                throw new ConversationClosedException(conversation.Id);
            }

            var seq = conversation.LastSeq + 1;
            var stored = message.ToStored(seq);

            db.Database.BeginTrans();
            try
            {
                db.Messages.Insert(stored);
                conversation.LastSeq = seq;
                db.Conversations.Update(conversation);
                db.Database.Commit();
            }
            catch
            {
                db.Database.Rollback();
                throw;
            }

            return durable.AfterCommitAsync(new AppendResult(stored, Duplicate: false));
        }
    }

    public Task<ChatMessage?> FindByClientMessageIdAsync(string conversationId, string clientMessageId, CancellationToken ct = default) =>
        Task.FromResult(FindByClientMessageId(conversationId, clientMessageId));

    private ChatMessage? FindByClientMessageId(string conversationId, string clientMessageId) =>
        db.Messages.FindOne(m => m.ConversationId == conversationId && m.ClientMessageId == clientMessageId);

    public Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(
        string conversationId, long afterSeq, int limit, bool includePrivateNotes, CancellationToken ct = default)
    {
        // LiteDB compares strings by culture, so a range over the composite _id is not safe; filter by
        // the indexed conversation id and order by seq instead.
        var query = db.Messages.Query().Where(m => m.ConversationId == conversationId && m.Seq > afterSeq);
        if (!includePrivateNotes)
        {
            query = query.Where(Query.Not(nameof(ChatMessage.Kind), nameof(MessageKind.PrivateNote)));
        }

        return Task.FromResult<IReadOnlyList<ChatMessage>>(query.OrderBy(m => m.Seq).Limit(limit).ToList());
    }

    /// <summary>The mark, the cleared fields and the messages change in one transaction under the write lock.</summary>
    public Task<bool> TryEraseAsync(string id, TranscriptErasure mode, DateTimeOffset at, CancellationToken ct = default)
    {
        lock (db.WriteGate)
        {
            var conversation = db.Conversations.FindById(id);
            if (conversation is null || !conversation.TryErase(at))
            {
                return durable.AfterCommitAsync(false);
            }

            db.Database.BeginTrans();
            try
            {
                db.Conversations.Update(conversation);
                if (mode == TranscriptErasure.Delete)
                {
                    db.Messages.DeleteMany(m => m.ConversationId == id);
                }
                else
                {
                    var messages = db.Messages.Find(m => m.ConversationId == id).ToList();
                    foreach (var message in messages)
                    {
                        message.Text = ChatMessage.ErasedText;
                        message.SenderName = message.SenderRole == SenderRole.Customer ? null : message.SenderName;
                    }

                    db.Messages.Update(messages);
                }

                db.Database.Commit();
            }
            catch
            {
                db.Database.Rollback();
                throw;
            }

            return durable.AfterCommitAsync(true);
        }
    }

    public Task<IReadOnlyList<Conversation>> ListClosedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Conversation>>(db.Conversations.Query()
            .Where(c => (c.Status == ConversationStatus.Ended || c.Status == ConversationStatus.Resolved) && c.ErasedAt == null && c.ClosedAt < cutoff)
            .OrderBy(c => c.ClosedAt)
            .Limit(limit)
            .ToList());

    public Task MarkReadAsync(string conversationId, SenderRole reader, long seq, CancellationToken ct = default)
    {
        lock (db.WriteGate)
        {
            var conversation = db.Conversations.FindById(conversationId);
            if (conversation is null)
            {
                return Task.CompletedTask;
            }

            var capped = Math.Min(seq, conversation.LastSeq);
            if (reader == SenderRole.Customer && capped > conversation.CustomerReadSeq)
            {
                conversation.CustomerReadSeq = capped;
                db.Conversations.Update(conversation);
            }
            else if (reader == SenderRole.Agent && capped > conversation.AgentReadSeq)
            {
                conversation.AgentReadSeq = capped;
                db.Conversations.Update(conversation);
            }

            return Task.CompletedTask;
        }
    }
}

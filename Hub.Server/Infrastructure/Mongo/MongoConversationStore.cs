using MongoDB.Bson;
using MongoDB.Driver;
using SupportHub.Server.Features.Chat;
using static SupportHub.Server.Infrastructure.Mongo.MongoQueries;

namespace SupportHub.Server.Infrastructure.Mongo;

internal sealed class MongoConversationStore : IConversationStore
{
    /// <summary>Each lost race means another appender stored a message, so this bounds waiting, not work.</summary>
    internal const int MaxAppendAttempts = 200;

    private readonly IMongoCollection<Conversation> conversations;
    private readonly IMongoCollection<ChatMessage> messages;

    public MongoConversationStore(IMongoDatabase database)
    {
        MongoMappings.EnsureRegistered();
        // Primary whatever the connection string says: every step here reads what the step before
        // wrote (the seq race, the duplicate lookup, a resume right after an acknowledgement).
        conversations = database.GetCollection<Conversation>(MongoCollections.Conversations).WithReadPreference(ReadPreference.Primary);
        messages = database.GetCollection<ChatMessage>(MongoCollections.Messages).WithReadPreference(ReadPreference.Primary);
    }

    public Task CreateAsync(Conversation conversation, CancellationToken ct = default) =>
        conversations.InsertOneAsync(conversation, cancellationToken: ct);

    /// <summary>Insert first: the unique partial index on (CustomerId, StartClientMessageId) picks the one winner.</summary>
    public async Task<Conversation> CreateOrGetStartAsync(Conversation conversation, CancellationToken ct = default)
    {
        var key = conversation.StartClientMessageId
            ?? throw new ArgumentException("A start needs its client message id.", nameof(conversation));
        try
        {
            await conversations.InsertOneAsync(conversation, cancellationToken: ct);
            return conversation;
        }
        catch (MongoWriteException e) when (e.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            return await FindStartAsync(conversation.CustomerId, key, ct)
                ?? throw new InvalidOperationException($"Conversation {conversation.Id} collided with a key that is gone.", e);
        }
    }

    public async Task<Conversation?> FindStartAsync(string customerId, string startClientMessageId, CancellationToken ct = default) =>
        await conversations.Find(ConversationByStart(customerId, startClientMessageId)).FirstOrDefaultAsync(ct);

    public async Task<Conversation?> GetAsync(string id, CancellationToken ct = default) =>
        await conversations.Find(ConversationById(id)).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<Conversation>> ListByStatusAsync(ConversationStatus status, int limit, CancellationToken ct = default)
    {
        if (limit <= 0)
        {
            return [];
        }

        return await conversations.Find(ConversationsByStatus(status)).Sort(OldestFirst).Limit(limit).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Conversation>> ListWaitingAtLevelAsync(int level, int skip, int limit, CancellationToken ct = default) =>
        limit <= 0 ? [] : await conversations.Find(WaitingAtLevel(level)).Sort(OldestFirst).Skip(skip).Limit(limit).ToListAsync(ct);

    public async Task<IReadOnlyList<Conversation>> ListByCustomerAsync(string customerId, CancellationToken ct = default) =>
        await conversations.Find(ConversationsByCustomer(customerId)).Sort(NewestFirst).ToListAsync(ct);

    public async Task<IReadOnlyList<Conversation>> ListOpenByAgentAsync(string agentId, CancellationToken ct = default) =>
        await conversations.Find(OpenConversationsOfAgent(agentId)).Sort(OldestFirst).ToListAsync(ct);

    public async Task<bool> TryAssignAsync(string id, string agentId, DateTimeOffset at, CancellationToken ct = default)
    {
        var result = await conversations.UpdateOneAsync(ClaimFilter(id), ClaimUpdate(agentId, at), cancellationToken: ct);
        return result.MatchedCount == 1;
    }

    public async Task<bool> TryRequeueAsync(string id, string? expectedAgentId, int level, CancellationToken ct = default)
    {
        var result = await conversations.UpdateOneAsync(RequeueFilter(id, expectedAgentId), RequeueUpdate(level), cancellationToken: ct);
        return result.MatchedCount == 1;
    }

    public async Task<bool> TryReassignAsync(string id, string agentId, DateTimeOffset at, CancellationToken ct = default)
    {
        var result = await conversations.UpdateOneAsync(ReassignFilter(id), ClaimUpdate(agentId, at), cancellationToken: ct);
        return result.MatchedCount == 1;
    }

    public async Task<bool> TryRateAsync(string id, int score, string? comment, DateTimeOffset at, CancellationToken ct = default)
    {
        var result = await conversations.UpdateOneAsync(RateFilter(id), RateUpdate(score, comment, at), cancellationToken: ct);
        return result.MatchedCount == 1;
    }

    public async Task<bool> TryReopenAsync(string id, string agentId, DateTimeOffset at, CancellationToken ct = default)
    {
        var result = await conversations.UpdateOneAsync(ReopenFilter(id), ReopenUpdate(agentId, at), cancellationToken: ct);
        return result.MatchedCount == 1;
    }

    public async Task<bool> TryCloseAsync(string id, ConversationStatus closedStatus, DateTimeOffset at, CancellationToken ct = default)
    {
        var result = await conversations.UpdateOneAsync(OpenConversationFilter(id), CloseUpdate(closedStatus, at), cancellationToken: ct);
        return result.MatchedCount == 1;
    }

    public async Task<bool> TryEndWaitingAsync(string id, DateTimeOffset at, CancellationToken ct = default)
    {
        var result = await conversations.UpdateOneAsync(EndWaitingFilter(id), CloseUpdate(ConversationStatus.Ended, at), cancellationToken: ct);
        return result.MatchedCount == 1;
    }

    /// <summary>
    /// Optimistic allocation without transactions: insert with the next seq and let the unique
    /// {ConversationId, Seq} index (and the seq-derived _id) pick one winner per seq. A loser
    /// re-reads the highest stored seq and tries the one after it, so no seq is skipped.
    /// </summary>
    public async Task<AppendResult> AppendAsync(NewMessage message, CancellationToken ct = default)
    {
        if (message.ClientMessageId is { } clientId && await FindByClientMessageIdAsync(message.ConversationId, clientId, ct) is { } first)
        {
            return new AppendResult(first, Duplicate: true);
        }

        var (lastSeq, open, erased) = await ReadAppendStateAsync(message.ConversationId, ct);
        if (erased || (Conversation.NeedsOpen(message.Kind) && !open))
        {
            throw new ConversationClosedException(message.ConversationId);
        }

        for (var attempt = 1; ; attempt++)
        {
            var stored = message.ToStored(lastSeq + 1);
            try
            {
                await messages.InsertOneAsync(stored, cancellationToken: ct);
            }
            catch (MongoWriteException e) when (e.WriteError?.Category == ServerErrorCategory.DuplicateKey)
            {
                // The error names one index even when both are violated, so ask the data instead.
                if (message.ClientMessageId is { } id && await FindByClientMessageIdAsync(message.ConversationId, id, ct) is { } existing)
                {
                    return new AppendResult(existing, Duplicate: true);
                }

                if (attempt >= MaxAppendAttempts)
                {
                    throw new InvalidOperationException(
                        $"No free seq for conversation {message.ConversationId} after {attempt} attempts.", e);
                }

                // Jitter spreads out nodes that lost together. Real time on purpose: this is back-off
                // against a live database, not scheduled work a test would drive with a fake clock.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(attempt, 20) + 1)), ct);
                lastSeq = await ReadMaxStoredSeqAsync(message.ConversationId, ct);
                continue;
            }

            // Not cancellable: the message is stored, and a marker left behind would only cost the
            // next appender one extra round (it falls back to the highest stored seq).
            var raised = await conversations.UpdateOneAsync(
                AppendRaiseFilter(message.ConversationId, message.Kind), RaiseLastSeq(stored.Seq), cancellationToken: CancellationToken.None);
            if (raised.MatchedCount == 0)
            {
                await KeepOnlyBeforeTheCloseAsync(stored);
            }

            return new AppendResult(stored, Duplicate: false);
        }
    }

    public async Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(
        string conversationId, long afterSeq, int limit, bool includePrivateNotes, CancellationToken ct = default)
    {
        if (limit <= 0)
        {
            return [];
        }

        return await messages.Find(MessagesAfter(conversationId, afterSeq, includePrivateNotes))
            .Sort(BySeq)
            .Limit(limit)
            .ToListAsync(ct);
    }

    /// <summary>Mark first (the fence appends are checked against), then the fields, then the messages; each step idempotent.</summary>
    public async Task<bool> TryEraseAsync(string id, TranscriptErasure mode, DateTimeOffset at, CancellationToken ct = default)
    {
        await conversations.UpdateOneAsync(EraseMarkFilter(id), EraseMarkUpdate(at), cancellationToken: ct);
        var erased = await conversations.UpdateOneAsync(MarkedErasedFilter(id), EraseFieldsUpdate, cancellationToken: ct);
        if (erased.MatchedCount == 0)
        {
            return false;
        }

        await conversations.UpdateOneAsync(ClosedCallFilter(id), EraseCallerNumberUpdate, cancellationToken: ct);
        if (mode == TranscriptErasure.Delete)
        {
            await messages.DeleteManyAsync(MessagesOf(id), ct);
        }
        else
        {
            await messages.UpdateManyAsync(MessagesOf(id), AnonymizeMessageUpdate, cancellationToken: ct);
            await messages.UpdateManyAsync(CustomerMessagesOf(id), ClearSenderNameUpdate, cancellationToken: ct);
        }

        return true;
    }

    public async Task<IReadOnlyList<Conversation>> ListClosedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken ct = default)
    {
        if (limit <= 0)
        {
            return [];
        }

        return await conversations.Find(ClosedBefore(cutoff)).Sort(OldestCloseFirst).Limit(limit).ToListAsync(ct);
    }

    public Task MarkReadAsync(string conversationId, SenderRole reader, long seq, CancellationToken ct = default)
    {
        if (reader is not (SenderRole.Customer or SenderRole.Agent))
        {
            return Task.CompletedTask;
        }

        return conversations.UpdateOneAsync(ConversationById(conversationId), MarkReadUpdate(reader, seq), cancellationToken: ct);
    }

    public async Task<ChatMessage?> FindByClientMessageIdAsync(string conversationId, string clientMessageId, CancellationToken ct = default) =>
        await messages.Find(MessageByClientId(conversationId, clientMessageId)).FirstOrDefaultAsync(ct);

    private async Task<(long LastSeq, bool Open, bool Erased)> ReadAppendStateAsync(string conversationId, CancellationToken ct)
    {
        var document = await conversations.Find(ConversationById(conversationId)).Project(AppendStateOnly).FirstOrDefaultAsync(ct)
            ?? throw new KeyNotFoundException($"Conversation {conversationId} does not exist.");
        var status = document.GetValue(nameof(Conversation.Status), BsonNull.Value);
        var open = status.IsString && Enum.Parse<ConversationStatus>(status.AsString) is ConversationStatus.Waiting or ConversationStatus.Active;
        var erased = !document.GetValue(nameof(Conversation.ErasedAt), BsonNull.Value).IsBsonNull;
        return (document.GetValue(nameof(Conversation.LastSeq), 0L).ToInt64(), open, erased);
    }

    /// <summary>
    /// An erasure marked the conversation after this message's insert: it is taken back and refused
    /// (the erasure's own pass over the messages may have missed it). Otherwise the close came
    /// between this text's insert and its raise of LastSeq. Every seq below the text's
    /// was taken when it was inserted, so the closing line lands above it unless it is stored already:
    /// then the text came after the close, and is taken back and refused.
    /// </summary>
    private async Task KeepOnlyBeforeTheCloseAsync(ChatMessage stored)
    {
        var conversation = await conversations.Find(ConversationById(stored.ConversationId)).FirstOrDefaultAsync(CancellationToken.None);
        if (conversation?.ErasedAt is not null
            || (conversation?.ClosedAt is { } closedAt
                && await messages.Find(ClosingLineBelow(stored.ConversationId, stored.Seq, closedAt)).AnyAsync(CancellationToken.None)))
        {
            await messages.DeleteOneAsync(MessageById(stored.Id), CancellationToken.None);
            throw new ConversationClosedException(stored.ConversationId);
        }

        await conversations.UpdateOneAsync(ConversationById(stored.ConversationId), RaiseLastSeq(stored.Seq), cancellationToken: CancellationToken.None);
    }

    private async Task<long> ReadMaxStoredSeqAsync(string conversationId, CancellationToken ct)
    {
        var document = await messages.Find(MessagesOf(conversationId)).Sort(BySeqDescending).Limit(1).Project(SeqOnly).FirstOrDefaultAsync(ct);
        return document?.GetValue(nameof(ChatMessage.Seq), 0L).ToInt64() ?? 0;
    }
}

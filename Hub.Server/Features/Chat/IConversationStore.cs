namespace SupportHub.Server.Features.Chat;

/// <summary>Conversations and their transcripts. Every adapter passes ConversationStoreContract.</summary>
public interface IConversationStore
{
    Task CreateAsync(Conversation conversation, CancellationToken ct = default);

    /// <summary>
    /// Stores a conversation unless its customer has one with the same StartClientMessageId already
    /// (one start, one conversation: unique per customer, insert first, so of two racing starts one
    /// wins). Returns the stored conversation: <paramref name="conversation"/> when this call created
    /// it, the earlier one otherwise (compare ids).
    /// </summary>
    Task<Conversation> CreateOrGetStartAsync(Conversation conversation, CancellationToken ct = default);

    /// <summary>The conversation a customer started with this client message id (a call: its call sid), if any.</summary>
    Task<Conversation?> FindStartAsync(string customerId, string startClientMessageId, CancellationToken ct = default);

    Task<Conversation?> GetAsync(string id, CancellationToken ct = default);

    /// <summary>Oldest first.</summary>
    Task<IReadOnlyList<Conversation>> ListByStatusAsync(ConversationStatus status, int limit, CancellationToken ct = default);

    /// <summary>Waiting conversations at one level, oldest first: a page of the agents' queue.</summary>
    Task<IReadOnlyList<Conversation>> ListWaitingAtLevelAsync(int level, int skip, int limit, CancellationToken ct = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Conversation>> ListByCustomerAsync(string customerId, CancellationToken ct = default);

    Task<IReadOnlyList<Conversation>> ListOpenByAgentAsync(string agentId, CancellationToken ct = default);

    /// <summary>Assigns a waiting conversation; false when it is no longer waiting (someone else won).</summary>
    Task<bool> TryAssignAsync(string id, string agentId, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>
    /// Puts an open conversation back in the queue at <paramref name="level"/>: waiting, no agent.
    /// Only while <paramref name="expectedAgentId"/> holds it (null: while nobody does). False otherwise.
    /// </summary>
    Task<bool> TryRequeueAsync(string id, string? expectedAgentId, int level, CancellationToken ct = default);

    /// <summary>Gives an open conversation (waiting or held by anyone) to an agent; false when it is closed.</summary>
    Task<bool> TryReassignAsync(string id, string agentId, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Opens a closed conversation again, held by <paramref name="agentId"/>; false when it is open or unknown.</summary>
    Task<bool> TryReopenAsync(string id, string agentId, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Moves an open conversation to a closed status; false when it was not open.</summary>
    Task<bool> TryCloseAsync(string id, ConversationStatus closedStatus, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Ends a conversation that is still waiting; false when an agent has it or it is closed.</summary>
    Task<bool> TryEndWaitingAsync(string id, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Records the customer's rating of a closed conversation, once; false when open, unknown or rated already.</summary>
    Task<bool> TryRateAsync(string id, int score, string? comment, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>
    /// Stores a message with the next seq of its conversation. A repeated client message id
    /// stores nothing and returns the first message. Seqs are gap-free under concurrency. A message
    /// that needs an open conversation (<see cref="Conversation.NeedsOpen"/>) is refused with
    /// <see cref="ConversationClosedException"/> when the conversation is closed, so nothing of that
    /// kind is stored after the closing line; a repeated client id still returns the first message.
    /// Every message is refused with it once the conversation was erased (<see cref="TryEraseAsync"/>).
    /// </summary>
    Task<AppendResult> AppendAsync(NewMessage message, CancellationToken ct = default);

    /// <summary>The message stored under a client message id, if any.</summary>
    Task<ChatMessage?> FindByClientMessageIdAsync(string conversationId, string clientMessageId, CancellationToken ct = default);

    /// <summary>Messages with seq greater than <paramref name="afterSeq"/>, in seq order.</summary>
    Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(
        string conversationId, long afterSeq, int limit, bool includePrivateNotes, CancellationToken ct = default);

    /// <summary>
    /// Erases a closed conversation: first marks it erased with its personal fields cleared
    /// (<see cref="Conversation.TryErase"/>), so that from then on every append is refused, then
    /// anonymizes or deletes its messages (<paramref name="mode"/>). A message appended while this
    /// runs is either caught by the second step or refused. False while open or unknown; repeating
    /// it is safe and finishes an erasure that stopped halfway.
    /// </summary>
    Task<bool> TryEraseAsync(string id, TranscriptErasure mode, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Closed conversations not erased yet whose close is before <paramref name="cutoff"/>, oldest close first.</summary>
    Task<IReadOnlyList<Conversation>> ListClosedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken ct = default);

    /// <summary>Raises the read marker of one side; never lowers it.</summary>
    Task MarkReadAsync(string conversationId, SenderRole reader, long seq, CancellationToken ct = default);
}

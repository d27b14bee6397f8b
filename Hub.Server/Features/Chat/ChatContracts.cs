// Wire contracts of the customer and agent hubs (docs/protocol/customer-hub.md, agent-hub.md). Kept in one file so the protocol
// reads as one piece; each record is a request, a result or a client event payload.
namespace SupportHub.Server.Features.Chat;

public sealed record StartConversationRequest(string? Name, string? Email, string? Topic, string Text, string ClientMessageId);

/// <param name="AgentsAvailable">False when no agent is online: offer the customer to leave a message (LeaveMessage).</param>
public sealed record StartConversationResult(string ConversationId, long TicketNumber, MessageDto Message, bool Duplicate, bool AgentsAvailable);

public sealed record SendMessageRequest(string ConversationId, string ClientMessageId, string Text);

public sealed record SendMessageResult(long Seq, DateTimeOffset SentAt, bool Duplicate);

public sealed record TypingRequest(string ConversationId, bool IsTyping);

public sealed record MarkReadRequest(string ConversationId, long Seq);

public sealed record ResumeRequest(string ConversationId, long AfterSeq);

public sealed record ResumeResult(ConversationDto Conversation, IReadOnlyList<MessageDto> Messages, bool HasMore);

public sealed record ConversationRequest(string ConversationId);

/// <param name="Score">1 (poor) to 5 (excellent).</param>
public sealed record RateConversationRequest(string ConversationId, int Score, string? Comment);

public sealed record ResolveRequest(string ConversationId, string Resolution);

/// <param name="Call">The phone call behind a voice conversation (its CallSid, whether the caller is on the line, the caller's number); null for a chat. Read it instead of the id, whose form is no contract.</param>
public sealed record ConversationDto(
    string Id,
    Channel Channel,
    ConversationStatus Status,
    int Level,
    string? Skill,
    int Priority,
    string? Topic,
    string CustomerId,
    string? AssignedAgentId,
    string? AssignedAgentName,
    long TicketNumber,
    long LastSeq,
    long CustomerReadSeq,
    long AgentReadSeq,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? ClosedAt,
    int? Rating,
    CallDto? Call = null);

/// <param name="CallSid">Twilio's id of the call; for a follow-up, the call that left it.</param>
/// <param name="Kind">Live: a caller is (or was) on the line. FollowUp: a voicemail or callback request, nobody on the line.</param>
/// <param name="CallerNumber">The number the caller called from (E.164), to call back; null when unknown.</param>
public sealed record CallDto(string CallSid, CallKind Kind, string? CallerNumber);

public sealed record MessageDto(
    string ConversationId,
    long Seq,
    string? ClientMessageId,
    SenderRole SenderRole,
    string? SenderName,
    MessageKind Kind,
    string Text,
    DateTimeOffset SentAt);

public sealed record QueueItemDto(
    string ConversationId,
    long TicketNumber,
    string? CustomerName,
    string? Topic,
    int Level,
    int Priority,
    DateTimeOffset WaitingSince,
    Channel Channel = Channel.Chat);

public sealed record TypingDto(string ConversationId, SenderRole Role, string? Name, bool IsTyping);

public sealed record ReadDto(string ConversationId, SenderRole Role, long Seq);

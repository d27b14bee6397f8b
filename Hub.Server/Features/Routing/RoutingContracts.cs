// Wire contracts of routing, presence and escalation (docs/protocol/agent-hub.md). One file, so the protocol reads as one piece.
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Routing;

public sealed record OfferDto(
    string ConversationId, long TicketNumber, string? CustomerName, string? Topic, int Level, Channel Channel,
    DateTimeOffset WaitingSince, DateTimeOffset Deadline);

public sealed record PresenceDto(
    string AgentId, string DisplayName, PresenceStatus Status, int LiveConnections, IReadOnlyList<int> Levels, IReadOnlyList<string> Skills,
    int ChatLoad, int ChatCapacity, int VoiceLoad, int VoiceCapacity)
{
    public static PresenceDto From(AgentPresence p) =>
        new(p.AgentId, p.DisplayName, p.Status, p.LiveConnections, p.Levels, p.Skills, p.ChatLoad, p.ChatCapacity, p.VoiceLoad, p.VoiceCapacity);
}

public sealed record SetPresenceRequest(PresenceStatus? Status);

public sealed record EscalateRequest(string ConversationId, int Level, string Reason, string HandoffNote);

public sealed record TransferRequest(string ConversationId, string AgentId, string Note);

public sealed record ReassignRequest(string ConversationId, string AgentId);

public sealed record QueuePositionDto(string ConversationId, int Level, int Position, int? EstimatedWaitSeconds);

public sealed record AgentsUnavailableDto(string ConversationId, string Reason);

public sealed record LeaveMessageRequest(string ConversationId, string ClientMessageId, string Text, string? Email);

public sealed record LeaveMessageResult(long TicketNumber, long Seq);

public sealed record PresenceChangedDto(string AgentId, PresenceStatus Status);

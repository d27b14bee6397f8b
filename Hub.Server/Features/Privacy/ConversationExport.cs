using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Privacy;

/// <summary>One conversation of an export with its whole transcript, private notes included (docs/security.md says why).</summary>
public sealed record ConversationExport(Conversation Conversation, IReadOnlyList<ChatMessage> Messages);

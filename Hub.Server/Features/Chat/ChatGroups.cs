namespace SupportHub.Server.Features.Chat;

/// <summary>Every SignalR group name, in one place.</summary>
public static class ChatGroups
{
    /// <summary>All connected staff connections: queue events.</summary>
    public const string Staff = "staff";

    /// <summary>Staff connections working on or watching one conversation.</summary>
    public static string ConversationStaff(string conversationId) => $"conversation:{conversationId}:staff";
}

using Microsoft.AspNetCore.SignalR;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Audit;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// What the agent hub records in the audit log (docs/security.md#audit-log). A supervisor's
/// reassignment and any reopen are recorded before they run and refused when the log cannot be
/// written (fail-closed); an agent's own routine work (accept, claim, escalate, transfer) and reads of
/// others' transcripts are recorded after, best-effort.
/// </summary>
public sealed partial class AgentHub
{
    private AuditEntry Entry(Agent agent, string action, string conversationId, string? details) =>
        AuditEntry.For(AuditActor.Agent(agent.Id, agent.DisplayName, Context.GetHttpContext()?.Connection.RemoteIpAddress), action, AuditTargets.Conversation, conversationId, details);

    private Task AuditAsync(Agent agent, string action, string conversationId, string? details = null) =>
        audit.RecordAsync(Entry(agent, action, conversationId, details), Context.ConnectionAborted);

    private Task TryAuditAsync(Agent agent, string action, string conversationId, string? details = null) =>
        audit.TryRecordAsync(Entry(agent, action, conversationId, details), Context.ConnectionAborted);

    /// <summary>A read of a transcript that is not the reader's own: the conversation is (or was last) assigned to someone else, or to nobody.</summary>
    private async Task AuditReadAsync(Agent reader, Conversation conversation, string details)
    {
        if (!conversation.IsAssignedTo(reader.Id))
        {
            await TryAuditAsync(reader, AuditActions.TranscriptRead, conversation.Id, details);
        }
    }
}

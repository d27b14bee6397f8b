using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Infrastructure.InProcess;

/// <summary>The load reconciliation's two conditional steps, under the same lock as every other step.</summary>
internal sealed partial class InProcessRoutingState
{
    public Task<bool> TryDropLoadAsync(string agentId, string conversationId)
    {
        lock (gate)
        {
            if (!agents.TryGetValue(agentId, out var entry)
                || (tasks.TryGetValue(conversationId, out var task) && task.OfferedTo == agentId))
            {
                return Task.FromResult(false);
            }

            var removed = entry.ChatLoad.Remove(conversationId) | entry.VoiceLoad.Remove(conversationId);
            return Task.FromResult(removed);
        }
    }

    public Task<bool> TryRestoreLoadAsync(string agentId, string conversationId, Channel channel)
    {
        lock (gate)
        {
            if (!agents.TryGetValue(agentId, out var entry) || tasks.ContainsKey(conversationId))
            {
                return Task.FromResult(false);
            }

            return Task.FromResult(entry.Load(channel).Add(conversationId));
        }
    }
}

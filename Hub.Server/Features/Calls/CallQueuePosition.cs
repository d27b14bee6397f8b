using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;

namespace SupportHub.Server.Features.Calls;

/// <summary>Where a waiting caller is in line, for what the queue's wait URL says.</summary>
public sealed class CallQueuePosition(IRoutingState state, IOptions<RoutingOptions> routing, TimeProvider time)
{
    /// <summary>
    /// 1-based place among the waiting calls of the same level, and the estimated wait in minutes from
    /// the available agents of that level with the call's skill; null when the call no longer waits.
    /// </summary>
    public async Task<(int Position, int? EstimatedMinutes)?> OfAsync(string callSid)
    {
        var id = CallConversations.LiveId(callSid);
        var tasks = await state.GetTasksAsync();
        var task = tasks.FirstOrDefault(t => t.ConversationId == id);
        if (task is null)
        {
            return null;
        }

        var position = tasks.Where(t => t.Channel == Channel.Voice && t.Level == task.Level).TakeWhile(t => t.ConversationId != id).Count() + 1;
        var slots = (await state.GetAgentsAsync(time.GetUtcNow()))
            .Where(a => a.Status == PresenceStatus.Available && a.LiveConnections > 0 && a.Levels.Contains(task.Level)
                && (task.Skill is null || a.Skills.Contains(task.Skill, StringComparer.OrdinalIgnoreCase)))
            .Sum(a => a.VoiceCapacity);
        int? minutes = slots == 0 ? null : (int)Math.Ceiling(position / (double)slots * routing.Value.AverageHandleTime.TotalMinutes);
        return (position, minutes);
    }
}

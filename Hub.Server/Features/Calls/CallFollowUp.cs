using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;
using SupportHub.Server.Infrastructure.Locks;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// The caller left a voicemail or asked for a callback: the call's conversation ends and a task of
/// the same ticket waits for the next agent of its level (the last agent first), once, however
/// often Twilio repeats the webhook. The task has no live caller and is offered like any other.
/// </summary>
public sealed class CallFollowUp(
    IConversationStore conversations,
    TicketDesk desk,
    ConversationMessages messages,
    CloseConversation close,
    ChatNotifier notifier,
    RoutingGateway queue,
    IDistributedLock locks,
    TimeProvider time)
{
    /// <summary>The caller left the queue (pressed a key to leave a message): no agent is offered the call any more.</summary>
    public Task LeaveQueueAsync(Conversation call) => queue.WithdrawAsync(call);

    /// <param name="request">What the task asks of the agent, as its first line ("Voicemail from ...", "Callback requested ...").</param>
    public async Task<Conversation> CreateAsync(Conversation call, string request, CancellationToken ct)
    {
        var callSid = call.LiveCallSid() ?? throw new InvalidOperationException($"{call.Id} is not a live call.");
        var id = CallConversations.FollowUpId(callSid);
        Conversation followUp;
        await using (await locks.AcquireAsync(CallConversations.LockKey(callSid), CallConversations.LockLease, CallConversations.LockWait, ct))
        {
            if (await conversations.GetAsync(id, ct) is { } earlier)
            {
                return earlier;
            }

            var ticket = await desk.AttachConversationAsync(call.TicketId, id, ct);
            followUp = Conversation.NewFollowUp(id, call, ticket, time.GetUtcNow());
            await conversations.CreateAsync(followUp, ct);
            await messages.SendSystemAsync(followUp, request, ct);
            await queue.EnqueueAsync(followUp, ticket.LastAgentId);
            await notifier.QueuedAsync(followUp.ToQueueItem());
        }

        await close.EndAsync(call, $"{request} It waits as a task on ticket #{followUp.TicketNumber}.", ct);

        return followUp;
    }
}

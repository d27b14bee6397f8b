using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// Phone calls as conversations: one per CallSid (its id is derived from the CallSid, so a repeated
/// webhook finds it), queued in the same router as chats, ended by Twilio's status callback.
/// </summary>
public sealed class VoiceCalls(
    IConversationStore conversations,
    TicketDesk desk,
    ICustomerStore customers,
    ChatService chat,
    ChatNotifier notifier,
    RoutingQueue queue,
    IRoutingState state,
    TimeProvider time) : IDisposable
{
    private const string IdPrefix = "voice-";

    private static readonly HashSet<string> FinalStatuses = new(StringComparer.OrdinalIgnoreCase) { "completed", "no-answer", "busy", "failed", "canceled" };

    private readonly SemaphoreSlim starting = new(1, 1);

    public void Dispose() => starting.Dispose();

    public static string ConversationIdOf(string callSid) => IdPrefix + callSid;

    public static string? CallSidOf(Conversation conversation) =>
        conversation.Channel == Channel.Voice ? conversation.StartClientMessageId : null;

    public static bool IsFinal(string? callStatus) => callStatus is not null && FinalStatuses.Contains(callStatus);

    /// <summary>Creates and queues the call's conversation, or returns the one a repeated webhook created.</summary>
    public async Task<Conversation> StartAsync(string callSid, string from, string topic, CancellationToken ct)
    {
        var id = ConversationIdOf(callSid);
        await starting.WaitAsync(ct);
        try
        {
            if (await conversations.GetAsync(id, ct) is { } earlier)
            {
                return earlier;
            }

            var now = time.GetUtcNow();
            var customerId = "tel-" + new string([.. from.Where(char.IsAsciiLetterOrDigit)]);
            var customer = await customers.GetAsync(customerId, ct);
            if (customer is null)
            {
                customer = new Customer { Id = customerId, Name = from, CreatedAt = now };
                await customers.CreateAsync(customer, ct);
            }

            customer.LastSeenAt = now;
            await customers.ReplaceAsync(customer, ct);

            var ticket = await desk.ForNewConversationAsync(customerId, id, topic, ct);
            var conversation = new Conversation
            {
                Id = id,
                Channel = Channel.Voice,
                Status = ConversationStatus.Waiting,
                Level = ticket.Level,
                Skill = queue.SkillForTopic(topic),
                CustomerId = customerId,
                CustomerName = customer.Name,
                Topic = topic,
                TicketId = ticket.Id,
                TicketNumber = ticket.Number,
                StartClientMessageId = callSid,
                CreatedAt = now,
            };
            await conversations.CreateAsync(conversation, ct);
            await chat.SendSystemAsync(conversation, $"Phone call from {from} ({topic}).", ct);
            await queue.EnqueueAsync(conversation, ticket.LastAgentId);
            await notifier.QueuedAsync(conversation.ToQueueItem());
            return conversation;
        }
        finally
        {
            starting.Release();
        }
    }

    /// <summary>1-based place among the waiting calls; null when the call no longer waits.</summary>
    public async Task<int?> PositionAsync(string callSid)
    {
        var id = ConversationIdOf(callSid);
        var waiting = (await state.GetTasksAsync()).Where(t => t.Channel == Channel.Voice).ToList();
        var index = waiting.FindIndex(t => t.ConversationId == id);
        return index < 0 ? null : index + 1;
    }

    public Task<Conversation?> FindAsync(string callSid, CancellationToken ct) => conversations.GetAsync(ConversationIdOf(callSid), ct);

    /// <summary>The call is over: the conversation ends and the agent's voice capacity is free again.</summary>
    public async Task EndAsync(Conversation conversation, string callStatus, CancellationToken ct)
    {
        if (!await conversations.TryCloseAsync(conversation.Id, ConversationStatus.Ended, time.GetUtcNow(), ct))
        {
            return; // a repeated callback changes nothing
        }

        await queue.WithdrawAsync(conversation);
        await chat.CloseAsync(conversation.Id, $"The call ended ({callStatus}).", ct);
    }
}

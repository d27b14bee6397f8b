using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;
using SupportHub.Server.Infrastructure.Locks;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// Phone calls as conversations: one per CallSid (its id is derived from the CallSid, so a repeated
/// webhook finds it), queued in the same router as chats, ended by Twilio's status callback. A
/// voicemail or callback request becomes a second conversation of the same ticket: a task without a
/// live caller, offered like any other. Starting a call holds a lock on its CallSid across nodes, so
/// a webhook that Twilio repeats to another node finds the first one's conversation.
/// </summary>
public sealed class VoiceCalls(
    IConversationStore conversations,
    ITicketStore tickets,
    TicketDesk desk,
    ICustomerStore customers,
    IAgentStore agents,
    ChatService chat,
    ChatNotifier notifier,
    RoutingQueue queue,
    IRoutingState state,
    IOptions<RoutingOptions> routing,
    IDistributedLock locks,
    TimeProvider time)
{
    private const string CallPrefix = "voice-";
    private const string PhoneCustomerPrefix = "tel-";
    private const string FollowUpPrefix = "followup-";

    private static readonly HashSet<string> FinalStatuses = new(StringComparer.OrdinalIgnoreCase) { "completed", "no-answer", "busy", "failed", "canceled" };

    private static readonly TimeSpan LockLease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    public static string ConversationIdOf(string callSid) => CallPrefix + callSid;

    public static string FollowUpIdOf(string callSid) => FollowUpPrefix + callSid;

    /// <summary>The live call behind a voice conversation; null for a voicemail or callback task.</summary>
    public static string? CallSidOf(Conversation conversation) =>
        conversation.Channel == Channel.Voice && conversation.Id.StartsWith(CallPrefix, StringComparison.Ordinal) ? conversation.Id[CallPrefix.Length..] : null;

    /// <summary>The number a phone customer called from (their id is <c>tel-</c> and its digits); null for other customers.</summary>
    public static string? PhoneNumberOf(Conversation conversation) =>
        conversation.CustomerId.StartsWith(PhoneCustomerPrefix, StringComparison.Ordinal) && conversation.CustomerId.Length > PhoneCustomerPrefix.Length
        && conversation.CustomerId[PhoneCustomerPrefix.Length..].All(char.IsAsciiDigit)
            ? "+" + conversation.CustomerId[PhoneCustomerPrefix.Length..]
            : null;

    public static bool IsFinal(string? callStatus) => callStatus is not null && FinalStatuses.Contains(callStatus);

    /// <summary>An open ticket the caller named by its number; null when there is none.</summary>
    public async Task<Ticket?> FindOpenTicketAsync(string digits, CancellationToken ct) =>
        long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? await desk.FindOpenAsync(number, ct)
            : null;

    /// <summary>
    /// Creates the call's conversation, or returns the one a repeated webhook created. It belongs to
    /// <paramref name="ticket"/> when the caller keyed one in, else to the caller's open ticket or a new
    /// one; it is queued at the ticket's level, its last agent first, unless <paramref name="queueNow"/> is false.
    /// </summary>
    public async Task<Conversation> StartAsync(string callSid, string from, string? topic, Ticket? ticket, bool queueNow, CancellationToken ct)
    {
        var id = ConversationIdOf(callSid);
        await using (await locks.AcquireAsync("call:" + callSid, LockLease, LockWait, ct))
        {
            if (await conversations.GetAsync(id, ct) is { } earlier)
            {
                return earlier;
            }

            var now = time.GetUtcNow();
            var customer = await CallerAsync(from, now, ct);
            ticket = ticket is null
                ? await desk.ForNewConversationAsync(customer.Id, id, topic, ct)
                : await desk.AttachConversationAsync(ticket.Id, id, ct);
            topic ??= ticket.Subject;
            var conversation = new Conversation
            {
                Id = id,
                Channel = Channel.Voice,
                Status = ConversationStatus.Waiting,
                Level = ticket.Level,
                Skill = queue.SkillForTopic(topic),
                CustomerId = customer.Id,
                CustomerName = customer.Name,
                Topic = topic,
                TicketId = ticket.Id,
                TicketNumber = ticket.Number,
                StartClientMessageId = callSid,
                CreatedAt = now,
            };
            await conversations.CreateAsync(conversation, ct);
            await chat.SendSystemAsync(conversation, $"Phone call from {from} ({topic ?? "no topic"}), ticket #{ticket.Number}.", ct);
            if (queueNow)
            {
                await QueueAsync(conversation, ticket.LastAgentId);
            }

            return conversation;
        }
    }

    /// <summary>1-based place among the waiting calls of the same level, and the estimated wait in minutes; null when the call no longer waits.</summary>
    public async Task<(int Position, int? EstimatedMinutes)?> PositionAsync(string callSid)
    {
        var id = ConversationIdOf(callSid);
        var tasks = await state.GetTasksAsync();
        var task = tasks.FirstOrDefault(t => t.ConversationId == id);
        if (task is null)
        {
            return null;
        }

        var position = tasks.Where(t => t.Channel == Channel.Voice && t.Level == task.Level).TakeWhile(t => t.ConversationId != id).Count() + 1;
        var slots = (await state.GetAgentsAsync(time.GetUtcNow()))
            .Where(a => a.Status == PresenceStatus.Available && a.LiveConnections > 0 && a.Levels.Contains(task.Level))
            .Sum(a => a.VoiceCapacity);
        int? minutes = slots == 0 ? null : (int)Math.Ceiling(position / (double)slots * routing.Value.AverageHandleTime.TotalMinutes);
        return (position, minutes);
    }

    public Task<Conversation?> FindAsync(string callSid, CancellationToken ct) => conversations.GetAsync(ConversationIdOf(callSid), ct);

    public Task<Conversation?> FindFollowUpAsync(string callSid, CancellationToken ct) => conversations.GetAsync(FollowUpIdOf(callSid), ct);

    /// <summary>The caller left the queue (pressed a key to leave a message): no agent is offered the call any more.</summary>
    public Task LeaveQueueAsync(Conversation call) => queue.WithdrawAsync(call);

    /// <summary>
    /// The caller left a voicemail or asked for a callback: the call's conversation ends and a task of
    /// the same ticket waits for the next agent of its level (the last agent first), once, however
    /// often Twilio repeats the webhook.
    /// </summary>
    public async Task<Conversation> FollowUpAsync(Conversation call, string request, CancellationToken ct)
    {
        var callSid = CallSidOf(call) ?? throw new InvalidOperationException($"{call.Id} is not a call.");
        var id = FollowUpIdOf(callSid);
        Conversation followUp;
        await using (await locks.AcquireAsync("call:" + callSid, LockLease, LockWait, ct))
        {
            if (await conversations.GetAsync(id, ct) is { } earlier)
            {
                return earlier;
            }

            var ticket = await tickets.GetAsync(call.TicketId, ct) ?? throw new InvalidOperationException($"Ticket {call.TicketId} is gone.");
            await desk.AttachConversationAsync(ticket.Id, id, ct);
            followUp = new Conversation
            {
                Id = id,
                Channel = Channel.Voice,
                Status = ConversationStatus.Waiting,
                Level = ticket.Level,
                Skill = call.Skill,
                CustomerId = call.CustomerId,
                CustomerName = call.CustomerName,
                Topic = call.Topic,
                TicketId = ticket.Id,
                TicketNumber = ticket.Number,
                CreatedAt = time.GetUtcNow(),
            };
            await conversations.CreateAsync(followUp, ct);
            await chat.SendSystemAsync(followUp, request, ct);
            await QueueAsync(followUp, ticket.LastAgentId);
        }

        if (await conversations.TryCloseAsync(call.Id, ConversationStatus.Ended, time.GetUtcNow(), ct))
        {
            await queue.WithdrawAsync(call);
            await chat.CloseAsync(call.Id, $"{request} It waits as a task on ticket #{followUp.TicketNumber}.", ct);
        }

        return followUp;
    }

    /// <summary>What was said on the call, as the transcript's next line (once per id, however often Twilio repeats it).</summary>
    public async Task AppendTranscriptAsync(Conversation conversation, bool caller, string lineId, string text, CancellationToken ct)
    {
        var agent = caller || conversation.AssignedAgentId is null ? null : await agents.GetAsync(conversation.AssignedAgentId, ct);
        var sender = caller || agent is null
            ? new Sender(SenderRole.Customer, conversation.CustomerId, conversation.CustomerName)
            : new Sender(SenderRole.Agent, agent.Id, agent.DisplayName);
        await chat.SendAsync(conversation, sender, lineId, MessageKind.Transcript, text, ct);
    }

    /// <summary>A fact about the call for the transcript (a recording, a voicemail's transcription).</summary>
    public Task NoteAsync(Conversation conversation, string text, CancellationToken ct) => chat.SendSystemAsync(conversation, text, ct);

    /// <summary>The call is over: the conversation ends and the agent's voice capacity is free again. A caller who hung up while waiting is recorded as abandoned, with the wait.</summary>
    public async Task EndAsync(Conversation conversation, string callStatus, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!await conversations.TryCloseAsync(conversation.Id, ConversationStatus.Ended, now, ct))
        {
            return; // a repeated callback changes nothing
        }

        await queue.WithdrawAsync(conversation);
        var text = conversation.AssignedAt is null
            ? $"The caller hung up after waiting {Format(now - conversation.CreatedAt)} without reaching an agent (abandoned, {callStatus})."
            : $"The call ended ({callStatus}) after {Format(now - conversation.AssignedAt.Value)} with the agent.";
        await chat.CloseAsync(conversation.Id, text, ct);
    }

    private static string Format(TimeSpan span) =>
        span < TimeSpan.Zero ? "0:00" : $"{(int)span.TotalMinutes}:{span.Seconds:00}";

    private async Task QueueAsync(Conversation conversation, string? preferredAgentId)
    {
        await queue.EnqueueAsync(conversation, preferredAgentId);
        await notifier.QueuedAsync(conversation.ToQueueItem());
    }

    private async Task<Customer> CallerAsync(string from, DateTimeOffset now, CancellationToken ct)
    {
        var customerId = PhoneCustomerPrefix + new string([.. from.Where(char.IsAsciiLetterOrDigit)]);
        var customer = await customers.GetAsync(customerId, ct);
        if (customer is null)
        {
            customer = new Customer { Id = customerId, Name = from, CreatedAt = now };
            await customers.CreateAsync(customer, ct);
        }

        customer.LastSeenAt = now;
        await customers.ReplaceAsync(customer, ct);
        return customer;
    }
}

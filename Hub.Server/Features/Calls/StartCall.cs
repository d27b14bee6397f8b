using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;
using SupportHub.Server.Infrastructure.Locks;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// A phone call becomes a conversation: one per CallSid (its id is derived from the CallSid, so a
/// repeated webhook finds it), queued in the same router as chats. Starting holds a lock on the
/// CallSid across nodes, so a webhook that Twilio repeats to another node finds the first one's conversation.
/// </summary>
public sealed class StartCall(
    IConversationStore conversations,
    TicketDesk desk,
    ICustomerStore customers,
    ConversationMessages messages,
    ChatNotifier notifier,
    RoutingGateway queue,
    IDistributedLock locks,
    TimeProvider time)
{
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
    /// <summary>
    /// True when the ticket is the caller's: its customer is the caller's number's, or has that number.
    /// Ticket numbers are sequential, so a keyed-in number alone proves nothing.
    /// </summary>
    public async Task<bool> IsCallersAsync(Ticket ticket, string callSid, string from, CancellationToken ct)
    {
        if (CallConversations.CallableNumber(from) is not { } number)
        {
            return false;
        }

        return ticket.CustomerId == CallConversations.CustomerId(from, callSid)
            || (await customers.GetAsync(ticket.CustomerId, ct))?.PhoneNumber == number;
    }

    /// <param name="namedTicket">A ticket number the caller keyed in that is not theirs: the agent sees it as an unverified hint.</param>
    public async Task<Conversation> StartAsync(
        string callSid, string from, string? topic, Ticket? ticket, bool queueNow, CancellationToken ct, long? namedTicket = null)
    {
        var id = CallConversations.LiveId(callSid);
        await using (await locks.AcquireAsync(CallConversations.LockKey(callSid), CallConversations.LockLease, CallConversations.LockWait, ct))
        {
            if (await conversations.GetAsync(id, ct) is { } earlier)
            {
                return earlier;
            }

            var now = time.GetUtcNow();
            var customer = await CallerAsync(callSid, from, now, ct);
            ticket = ticket is null
                ? await desk.ForNewConversationAsync(customer.Id, id, topic, ct)
                : await desk.AttachConversationAsync(ticket.Id, id, ct);
            topic ??= ticket.Subject;
            var conversation = Conversation.NewCall(id, callSid, customer, ticket, topic, queue.SkillForTopic(topic), now);
            await conversations.CreateAsync(conversation, ct);
            var caller = CallConversations.IsWithheld(from) ? "a withheld number" : from;
            await messages.SendSystemAsync(conversation, $"Phone call from {caller} ({topic ?? "no topic"}), ticket #{ticket.Number}.", ct);
            if (namedTicket is { } named)
            {
                await messages.SendSystemAsync(
                    conversation, $"The caller named ticket #{named} (unverified: the number they call from is not that ticket's customer's, so the call has its own ticket).", ct);
            }
            if (queueNow)
            {
                await queue.EnqueueAsync(conversation, ticket.LastAgentId);
                await notifier.QueuedAsync(conversation.ToQueueItem());
            }

            return conversation;
        }
    }

    private async Task<Customer> CallerAsync(string callSid, string from, DateTimeOffset now, CancellationToken ct)
    {
        var customerId = CallConversations.CustomerId(from, callSid);
        var customer = await customers.GetAsync(customerId, ct);
        if (customer is null)
        {
            var name = CallConversations.IsWithheld(from) ? "Withheld number" : from;
            customer = new Customer { Id = customerId, Name = name, PhoneNumber = CallConversations.CallableNumber(from), CreatedAt = now };
            customer = await customers.CreateAsync(customer, ct); // a concurrent first start may have stored it
        }

        customer.PhoneNumber ??= CallConversations.CallableNumber(from); // a customer stored before phone numbers were kept
        customer.LastSeenAt = now;
        await customers.ReplaceAsync(customer, ct);
        return customer;
    }
}

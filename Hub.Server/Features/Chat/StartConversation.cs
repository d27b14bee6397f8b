using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// A customer's first message opens a conversation on their open ticket (or a new one) and queues it,
/// its ticket's last agent first. A retried start (same client message id) creates nothing twice.
/// </summary>
public sealed class StartConversation(
    IConversationStore conversations,
    TicketDesk desk,
    ICustomerStore customers,
    ChatNotifier notifier,
    RoutingGateway queue,
    TimeProvider time)
{
    public async Task<StartConversationResult> StartAsync(string customerId, StartConversationRequest request, CancellationToken ct)
    {
        var earlier = (await conversations.ListByCustomerAsync(customerId, ct))
            .FirstOrDefault(c => c.StartClientMessageId == request.ClientMessageId);
        if (earlier is not null)
        {
            var first = await conversations.GetMessagesAsync(earlier.Id, 0, 1, includePrivateNotes: false, ct);
            return new StartConversationResult(earlier.Id, earlier.TicketNumber, first[0].ToDto(), Duplicate: true, (await queue.AvailabilityAsync()).CanAnswer);
        }

        var now = time.GetUtcNow();
        var customer = await UpdateCustomerAsync(customerId, request, now, ct);
        var conversationId = HubIds.New(time);

        var ticket = await desk.ForNewConversationAsync(customerId, conversationId, request.Topic, ct);
        var conversation = Conversation.NewChat(
            conversationId, customer, ticket, request.Topic, queue.SkillForTopic(request.Topic), request.ClientMessageId, now);
        await conversations.CreateAsync(conversation, ct);
        var stored = await conversations.AppendAsync(
            new NewMessage(conversationId, request.ClientMessageId, SenderRole.Customer, customerId, customer.Name, MessageKind.Text, request.Text, now),
            ct);
        conversation.LastSeq = stored.Message.Seq;
        await notifier.MessageStoredAsync(conversation, stored.Message); // the customer's other tabs
        await queue.EnqueueAsync(conversation, ticket.LastAgentId);
        await notifier.QueuedAsync(conversation.ToQueueItem());
        return new StartConversationResult(conversationId, ticket.Number, stored.Message.ToDto(), Duplicate: false, (await queue.AvailabilityAsync()).CanAnswer);
    }

    /// <summary>The name and e-mail given at start are the customer's from now on; an empty field keeps what was known.</summary>
    private async Task<Customer> UpdateCustomerAsync(string customerId, StartConversationRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var customer = await customers.GetAsync(customerId, ct);
        if (customer is null)
        {
            customer = new Customer { Id = customerId, CreatedAt = now };
            await customers.CreateAsync(customer, ct);
        }

        customer.Name = string.IsNullOrWhiteSpace(request.Name) ? customer.Name : request.Name.Trim();
        customer.Email = string.IsNullOrWhiteSpace(request.Email) ? customer.Email : request.Email.Trim();
        customer.LastSeenAt = now;
        await customers.ReplaceAsync(customer, ct);
        return customer;
    }
}

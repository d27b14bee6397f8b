using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// A customer's first message opens a conversation on their open ticket (or a new one) and queues it,
/// its ticket's last agent first. A retried start (same client message id) creates nothing twice, also
/// when the repeats race on two connections: the store keeps one conversation per (customer, client
/// message id), insert first, and the ticket of a new start is keyed by the start as well. Every step
/// after the insert is idempotent, so a retry finishes a start a crash left half-done.
/// </summary>
public sealed class StartConversation(
    IConversationStore conversations,
    TicketDesk desk,
    ICustomerStore customers,
    ChatNotifier notifier,
    RoutingGateway queue,
    ITicketStore tickets,
    TimeProvider time)
{
    /// <param name="startedFrom">The client address, kept on a new conversation for the supervisor's flood view.</param>
    public async Task<StartConversationResult> StartAsync(string customerId, StartConversationRequest request, string? startedFrom, CancellationToken ct)
    {
        var conversation = await conversations.FindStartAsync(customerId, request.ClientMessageId, ct);
        if (conversation is null)
        {
            var customer = await UpdateCustomerAsync(customerId, request, time.GetUtcNow(), ct);
            var ticket = await desk.ForStartAsync(customerId, request.ClientMessageId, request.Topic, ct);
            var created = Conversation.NewChat(
                HubIds.New(time), customer, ticket, request.Topic, queue.SkillForTopic(request.Topic), request.ClientMessageId, time.GetUtcNow());
            created.StartedFrom = startedFrom;
            conversation = await conversations.CreateOrGetStartAsync(created, ct); // the earlier one when a racing start won
            await RefuseIfErasedMeanwhileAsync(conversation, ct);
        }

        return await FinishAsync(conversation, request, ct);
    }

    /// <summary>
    /// Attaches the conversation to its ticket and stores the first message, unless that is stored
    /// already (then the answer is a duplicate). Whoever stores the first message queues the
    /// conversation, so a racing repeat neither queues it twice nor answers an error.
    /// </summary>
    private async Task<StartConversationResult> FinishAsync(Conversation conversation, StartConversationRequest request, CancellationToken ct)
    {
        if (await conversations.FindByClientMessageIdAsync(conversation.Id, request.ClientMessageId, ct) is { } first)
        {
            return await AnswerAsync(conversation, first, duplicate: true);
        }

        var ticket = await desk.AttachConversationAsync(conversation.TicketId, conversation.Id, ct);
        AppendResult stored;
        try
        {
            stored = await conversations.AppendAsync(
                new NewMessage(
                    conversation.Id, request.ClientMessageId, SenderRole.Customer, conversation.CustomerId, conversation.CustomerName,
                    MessageKind.Text, request.Text, time.GetUtcNow()),
                ct);
        }
        catch (ConversationClosedException)
        {
            throw HubErrors.Create(HubErrors.Closed, $"Conversation '{conversation.Id}' was closed before its first message was stored; start a new one.");
        }

        if (!stored.Duplicate)
        {
            conversation.LastSeq = stored.Message.Seq;
            await notifier.MessageStoredAsync(conversation, stored.Message); // the customer's other tabs
            await queue.EnqueueAsync(conversation, ticket.LastAgentId);
            await notifier.QueuedAsync(conversation.ToQueueItem());
        }

        return await AnswerAsync(conversation, stored.Message, stored.Duplicate);
    }

    private async Task<StartConversationResult> AnswerAsync(Conversation conversation, ChatMessage first, bool duplicate) =>
        new(conversation.Id, conversation.TicketNumber, first.ToDto(), duplicate, (await queue.AvailabilityAsync()).CanAnswer);

    /// <summary>
    /// The name and e-mail given at start are the customer's from now on, except those the site signed
    /// (a verified user's), which the visitor cannot replace; an empty field keeps what was known.
    /// </summary>
    private async Task<Customer> UpdateCustomerAsync(string customerId, StartConversationRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var customer = await customers.GetAsync(customerId, ct);
        if (customer is null)
        {
            customer = new Customer { Id = customerId, CreatedAt = now };
            customer = await customers.CreateAsync(customer, ct); // a concurrent first start may have stored it
        }

        customer.TakeTypedAttributes(request.Name, request.Email);
        customer.LastSeenAt = now;
        if (customer.ErasedAt is not null || !await customers.ReplaceAsync(customer, ct)) // the store refuses to write an erased customer back
        {
            throw Erased(customerId);
        }

        return customer;
    }

    /// <summary>
    /// An erasure marks the customer, then lists its conversations: a conversation stored before
    /// this read is in that list, and one stored after the mark is seen erased here and erased by
    /// its own start, so none escapes (docs/security.md, privacy).
    /// </summary>
    private async Task RefuseIfErasedMeanwhileAsync(Conversation conversation, CancellationToken ct)
    {
        if (await customers.GetAsync(conversation.CustomerId, ct) is not { ErasedAt: { } at })
        {
            return;
        }

        await conversations.TryCloseAsync(conversation.Id, ConversationStatus.Ended, at, ct);
        await conversations.TryEraseAsync(conversation.Id, TranscriptErasure.Delete, at, ct);
        await tickets.AnonymizeAsync(conversation.TicketId, at, ct);
        throw Erased(conversation.CustomerId);
    }

    private static UseCaseException Erased(string customerId) =>
        HubErrors.Create(HubErrors.Forbidden, $"The data of visitor '{customerId}' was erased; a new visitor session starts over.");
}

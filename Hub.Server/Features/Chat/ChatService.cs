using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// The chat use cases both hubs share. Each write follows the message path: store first, then
/// acknowledge and fan out, so nothing a client was told about can be missing from the store.
/// </summary>
public sealed class ChatService(
    IConversationStore conversations,
    TicketDesk desk,
    ICustomerStore customers,
    IAgentStore agents,
    ChatNotifier notifier,
    RoutingGateway queue,
    ChannelHooks channels,
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
        var conversation = new Conversation
        {
            Id = conversationId,
            Channel = Channel.Chat,
            Status = ConversationStatus.Waiting,
            Level = ticket.Level,
            Skill = queue.SkillForTopic(request.Topic),
            CustomerId = customerId,
            CustomerName = customer.Name,
            Topic = request.Topic,
            TicketId = ticket.Id,
            TicketNumber = ticket.Number,
            StartClientMessageId = request.ClientMessageId,
            CreatedAt = now,
        };
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

    public async Task<SendMessageResult> SendAsync(
        Conversation conversation, Sender sender, string? clientMessageId, MessageKind kind, string text, CancellationToken ct)
    {
        if (!conversation.IsOpen && kind is not (MessageKind.PrivateNote or MessageKind.Transcript))
        {
            // A retry of a message stored before the close is still answered as the duplicate it is.
            if (clientMessageId is not null && await conversations.FindByClientMessageIdAsync(conversation.Id, clientMessageId, ct) is { } stored)
            {
                return new SendMessageResult(stored.Seq, stored.SentAt, Duplicate: true);
            }

            throw HubErrors.Create(HubErrors.Closed, $"Conversation '{conversation.Id}' is {conversation.Status.ToString().ToLowerInvariant()}; start a new one.");
        }

        var result = await conversations.AppendAsync(
            new NewMessage(conversation.Id, clientMessageId, sender.Role, sender.Id, sender.Name, kind, text, time.GetUtcNow()), ct);
        if (!result.Duplicate)
        {
            await notifier.MessageStoredAsync(conversation, result.Message);
        }

        return new SendMessageResult(result.Message.Seq, result.Message.SentAt, result.Duplicate);
    }

    /// <summary>Takes a waiting conversation without an offer (pull); capacity and others' offers still count.</summary>
    public async Task<Conversation> ClaimAsync(Conversation conversation, Agent agent, CancellationToken ct)
    {
        if (conversation.Status != ConversationStatus.Waiting || !await queue.TryAssignAsync(conversation, agent.Id))
        {
            throw HubErrors.Create(HubErrors.Conflict, $"Conversation '{conversation.Id}' is no longer waiting, is offered to someone else, or you are at capacity.");
        }

        return await CompleteAssignmentAsync(conversation, agent, ct);
    }

    /// <summary>Accepts the router's offer; answers conflict when the offer expired or went elsewhere.</summary>
    public async Task<Conversation> AcceptOfferAsync(Conversation conversation, Agent agent, CancellationToken ct)
    {
        if (!await queue.TryAcceptAsync(conversation.Id, agent.Id))
        {
            throw HubErrors.Create(HubErrors.Conflict, $"The offer of conversation '{conversation.Id}' is no longer open.");
        }

        return await CompleteAssignmentAsync(conversation, agent, ct);
    }

    /// <summary>After the routing state gave the agent the conversation: record it in the store and tell everyone.</summary>
    private async Task<Conversation> CompleteAssignmentAsync(Conversation conversation, Agent agent, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!await conversations.TryAssignAsync(conversation.Id, agent.Id, now, ct))
        {
            await queue.ReleaseAssignmentAsync(conversation.Id, conversation.Channel, agent.Id);
            throw HubErrors.Create(HubErrors.Conflict, $"Conversation '{conversation.Id}' is no longer waiting.");
        }

        var claimed = await conversations.GetAsync(conversation.Id, ct) ?? throw HubErrors.ConversationNotFound(conversation.Id);
        await desk.RecordAgentAsync(claimed.TicketId, agent.Id, ct);
        await notifier.DequeuedAsync(claimed.Id);
        await SendSystemAsync(claimed, $"{agent.DisplayName} joined the conversation.", ct);
        await notifier.ConversationChangedAsync(claimed, agent.DisplayName);
        await channels.AssignedAsync(claimed, agent, ct); // a caller waits in Twilio's queue until now
        return claimed;
    }

    public async Task ResolveAsync(Conversation conversation, Agent agent, string resolution, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!await conversations.TryCloseAsync(conversation.Id, ConversationStatus.Resolved, now, ct))
        {
            throw HubErrors.Create(HubErrors.Closed, $"Conversation '{conversation.Id}' is already closed.");
        }

        await desk.ResolveAsync(conversation.TicketId, agent.Id, resolution, ct);
        await queue.WithdrawAsync(conversation);
        await CloseAsync(conversation.Id, $"{agent.DisplayName} resolved the conversation.", ct);
    }

    /// <summary>An agent opens a closed conversation again (the fix did not hold); the ticket is reopened.</summary>
    public async Task<Conversation> ReopenAsync(Conversation conversation, Agent agent, CancellationToken ct)
    {
        if (conversation.IsOpen)
        {
            throw HubErrors.Create(HubErrors.Conflict, $"Conversation '{conversation.Id}' is still open.");
        }

        if (!await queue.TryAssignAsync(conversation, agent.Id))
        {
            throw HubErrors.Create(HubErrors.Conflict, "You are at capacity: finish a conversation first.");
        }

        if (!await conversations.TryReopenAsync(conversation.Id, agent.Id, time.GetUtcNow(), ct))
        {
            await queue.ReleaseAssignmentAsync(conversation.Id, conversation.Channel, agent.Id);
            throw HubErrors.Create(HubErrors.Conflict, $"Conversation '{conversation.Id}' is still open.");
        }

        await desk.ReopenAsync(conversation.TicketId, agent.Id, ct);
        var reopened = await conversations.GetAsync(conversation.Id, ct) ?? throw HubErrors.ConversationNotFound(conversation.Id);
        await SendSystemAsync(reopened, $"{agent.DisplayName} reopened the conversation.", ct);
        await notifier.ConversationChangedAsync(reopened, agent.DisplayName);
        return reopened;
    }

    public async Task EndAsync(Conversation conversation, CancellationToken ct)
    {
        if (!await conversations.TryCloseAsync(conversation.Id, ConversationStatus.Ended, time.GetUtcNow(), ct))
        {
            return; // ending twice is harmless: the customer's second click changes nothing
        }

        await queue.WithdrawAsync(conversation);
        await CloseAsync(conversation.Id, "The customer ended the conversation.", ct);
    }

    public async Task<ResumeResult> ResumeAsync(Conversation conversation, long afterSeq, bool includePrivateNotes, CancellationToken ct)
    {
        var page = await conversations.GetMessagesAsync(conversation.Id, afterSeq, ChatLimits.ResumePageSize + 1, includePrivateNotes, ct);
        var hasMore = page.Count > ChatLimits.ResumePageSize;
        var messages = page.Take(ChatLimits.ResumePageSize).Select(m => m.ToDto()).ToList();
        return new ResumeResult(await ToDtoAsync(conversation, ct), messages, hasMore);
    }

    public async Task MarkReadAsync(Conversation conversation, SenderRole reader, long seq, CancellationToken ct)
    {
        await conversations.MarkReadAsync(conversation.Id, reader, seq, ct);
        await notifier.ReadAsync(conversation, new ReadDto(conversation.Id, reader, Math.Min(seq, conversation.LastSeq)));
    }

    public Task TypingAsync(Conversation conversation, TypingDto typing) => notifier.TypingAsync(conversation, typing);

    public async Task<ConversationDto> ToDtoAsync(Conversation conversation, CancellationToken ct)
    {
        var agent = conversation.AssignedAgentId is { } id ? await agents.GetAsync(id, ct) : null;
        return conversation.ToDto(agent?.DisplayName);
    }

    public async Task<IReadOnlyList<QueueItemDto>> GetQueueAsync(CancellationToken ct) =>
        [.. (await conversations.ListByStatusAsync(ConversationStatus.Waiting, 500, ct)).Select(c => c.ToQueueItem())];

    internal async Task CloseAsync(string conversationId, string systemText, CancellationToken ct)
    {
        var closed = await conversations.GetAsync(conversationId, ct) ?? throw HubErrors.ConversationNotFound(conversationId);
        await notifier.DequeuedAsync(closed.Id);
        await SendSystemAsync(closed, systemText, ct);
        await notifier.ConversationChangedAsync(closed, (await ToDtoAsync(closed, ct)).AssignedAgentName);
        await channels.ClosedAsync(closed, ct);
    }

    internal async Task SendSystemAsync(Conversation conversation, string text, CancellationToken ct)
    {
        var result = await conversations.AppendAsync(
            new NewMessage(conversation.Id, null, SenderRole.System, null, Sender.System.Name, MessageKind.System, text, time.GetUtcNow()), ct);
        conversation.LastSeq = result.Message.Seq;
        await notifier.MessageStoredAsync(conversation, result.Message);
    }

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

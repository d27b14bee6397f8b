using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Features.Routing;

/// <summary>
/// Moving a conversation between people: escalation to another level, transfer to a named agent,
/// a supervisor's reassignment, the router's own moves, and the message left when nobody is there.
/// The ticket records every level change; the customer is told in plain words.
/// </summary>
public sealed class HandoffService(
    IConversationStore conversations,
    ICustomerStore customers,
    ConversationMessages chat,
    CloseConversation close,
    ChatNotifier notifier,
    RoutingGateway queue,
    ChannelHooks channels,
    TicketDesk desk,
    TimeProvider time)
{
    public async Task EscalateAsync(Conversation conversation, Agent agent, EscalateRequest request, CancellationToken ct)
    {
        if (!await conversations.TryRequeueAsync(conversation.Id, conversation.AssignedAgentId, request.Level, ct))
        {
            throw HubErrors.Create(HubErrors.Conflict, $"Conversation '{conversation.Id}' changed meanwhile; open it again.");
        }

        await desk.EscalateAsync(conversation.TicketId, request.Level, agent.Id, request.Reason, request.HandoffNote, ct);
        var moved = await ReloadAsync(conversation.Id, ct);
        await chat.SendAsync(moved, new Sender(SenderRole.Agent, agent.Id, agent.DisplayName), null, MessageKind.PrivateNote,
            $"Hand-off to level {request.Level} ({request.Reason}): {request.HandoffNote}", ct);
        await chat.SendSystemAsync(moved, $"Your conversation was passed to our level {request.Level} support team. Someone will be with you shortly.", ct);
        await queue.RequeueAsync(moved, conversation.AssignedAgentId, explicitLevel: true);
        await AnnounceWaitingAsync(moved, ct);
        await channels.ReturnedToQueueAsync(moved, ct); // a caller waits in Twilio's queue again (a cold transfer)
    }

    public async Task TransferAsync(Conversation conversation, Agent agent, Agent target, string note, CancellationToken ct)
    {
        if (!await conversations.TryRequeueAsync(conversation.Id, conversation.AssignedAgentId, conversation.Level, ct))
        {
            throw HubErrors.Create(HubErrors.Conflict, $"Conversation '{conversation.Id}' changed meanwhile; open it again.");
        }

        var moved = await ReloadAsync(conversation.Id, ct);
        await chat.SendAsync(moved, new Sender(SenderRole.Agent, agent.Id, agent.DisplayName), null, MessageKind.PrivateNote,
            $"Transfer to {target.DisplayName}: {note}", ct);
        await chat.SendSystemAsync(moved, $"{agent.DisplayName} is passing your conversation to {target.DisplayName}.", ct);
        await queue.RequeueAsync(moved, conversation.AssignedAgentId, preferredAgentId: target.Id, explicitLevel: true);
        await AnnounceWaitingAsync(moved, ct);
        await channels.ReturnedToQueueAsync(moved, ct); // a caller waits in Twilio's queue again (a cold transfer)
    }

    /// <summary>A supervisor gives any open conversation to an agent at once, within that agent's capacity.</summary>
    public async Task ReassignAsync(Conversation conversation, Agent supervisor, Agent target, CancellationToken ct)
    {
        await queue.EnsureAgentAsync(target);
        if (!await queue.TryAssignAsync(conversation, target.Id))
        {
            throw HubErrors.Create(HubErrors.Conflict, $"{target.DisplayName} is at capacity or the conversation is being offered to someone else.");
        }

        if (!await conversations.TryReassignAsync(conversation.Id, target.Id, time.GetUtcNow(), ct))
        {
            await queue.ReleaseAssignmentAsync(conversation.Id, conversation.Channel, target.Id);
            throw HubErrors.Create(HubErrors.Closed, $"Conversation '{conversation.Id}' is closed.");
        }

        if (conversation.AssignedAgentId is { } previous && previous != target.Id)
        {
            await queue.ReleaseAssignmentAsync(conversation.Id, conversation.Channel, previous);
        }

        await desk.RecordAgentAsync(conversation.TicketId, target.Id, ct);
        var moved = await ReloadAsync(conversation.Id, ct);
        await notifier.DequeuedAsync(moved.Id);
        await chat.SendSystemAsync(moved, $"{target.DisplayName} took over the conversation (assigned by {supervisor.DisplayName}).", ct);
        await notifier.ConversationChangedAsync(moved, target.DisplayName);
        await notifier.AssignedAsync(moved, target);
        await channels.AssignedAsync(moved, target, ct); // a caller, waiting or talking, is put through to the new agent
    }

    /// <summary>The workflow moved a waiting conversation to another level (a target timed out or had nobody).</summary>
    public async Task MoveWaitingToLevelAsync(string conversationId, int level, string reason, CancellationToken ct)
    {
        var conversation = await conversations.GetAsync(conversationId, ct);
        if (conversation is not { Status: ConversationStatus.Waiting } || !await conversations.TryRequeueAsync(conversationId, null, level, ct))
        {
            return;
        }

        await desk.MoveToLevelAsync(conversation.TicketId, level, reason, ct);
        var moved = await ReloadAsync(conversationId, ct);
        await AnnounceWaitingAsync(moved, ct); // queue views show the new level
    }

    /// <summary>
    /// The agent went offline past its grace period, or did not answer the call they accepted: the
    /// customer is not left with nobody. A caller is moved back to Twilio's queue unless
    /// <paramref name="moveCaller"/> is false (the webhook answering Twilio does it).
    /// </summary>
    public async Task<bool> RequeueFromLostAgentAsync(string conversationId, string agentId, bool moveCaller, CancellationToken ct)
    {
        var conversation = await conversations.GetAsync(conversationId, ct);
        if (conversation is null || !await conversations.TryRequeueAsync(conversationId, agentId, conversation.Level, ct))
        {
            // Closed or taken over meanwhile: only the capacity it held is left to free.
            await queue.ReleaseAssignmentAsync(conversationId, conversation?.Channel ?? Channel.Chat, agentId);
            return false;
        }

        var moved = await ReloadAsync(conversationId, ct);
        await chat.SendSystemAsync(moved, "Your agent is no longer available. We are connecting you with someone else.", ct);
        await queue.RequeueAsync(moved, agentId, explicitLevel: moved.Level != 1);
        await AnnounceWaitingAsync(moved, ct);
        if (moveCaller)
        {
            await channels.ReturnedToQueueAsync(moved, ct); // a caller waits in Twilio's queue again (a cold transfer)
        }

        return true;
    }

    /// <summary>Nobody can take the chat: what the customer writes stays on the ticket, answered later.</summary>
    public async Task<LeaveMessageResult> LeaveMessageAsync(Conversation conversation, LeaveMessageRequest request, CancellationToken ct)
    {
        if (conversation.Status != ConversationStatus.Waiting)
        {
            throw HubErrors.Create(HubErrors.Conflict, "An agent has the conversation already: write to them instead.");
        }

        if (!string.IsNullOrWhiteSpace(request.Email) && await customers.GetAsync(conversation.CustomerId, ct) is { } customer)
        {
            customer.Email = request.Email.Trim();
            await customers.ReplaceAsync(customer, ct);
        }

        var sent = await chat.SendAsync(conversation, new Sender(SenderRole.Customer, conversation.CustomerId, conversation.CustomerName),
            request.ClientMessageId, MessageKind.Text, request.Text, ct);
        await close.EndAsync(conversation, $"Thank you. Your message is saved as ticket #{conversation.TicketNumber}; we will answer it by e-mail.", ct);

        return new LeaveMessageResult(conversation.TicketNumber, sent.Seq);
    }

    private async Task AnnounceWaitingAsync(Conversation conversation, CancellationToken ct)
    {
        await notifier.ConversationChangedAsync(conversation, null);
        await notifier.QueuedAsync(conversation.ToQueueItem());
    }

    private async Task<Conversation> ReloadAsync(string id, CancellationToken ct) =>
        await conversations.GetAsync(id, ct) ?? throw HubErrors.ConversationNotFound(id);
}

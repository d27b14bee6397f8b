using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// An agent takes a waiting conversation: by accepting the router's offer, or by claiming it from
/// the queue. The routing state decides first (capacity, others' offers); the store then records it.
/// </summary>
public sealed class TakeConversation(
    IConversationStore conversations,
    TicketDesk desk,
    ConversationMessages messages,
    ChatNotifier notifier,
    RoutingGateway queue,
    ChannelHooks channels,
    TimeProvider time)
{
    /// <summary>
    /// Takes a waiting conversation without an offer (pull); capacity and others' offers still count.
    /// The routing state decides between a claim and an accept: once the offered agent's accept took
    /// the task out of the queue, the claim finds nothing to take, so it never reaches the store.
    /// </summary>
    public async Task<Conversation> ClaimAsync(Conversation conversation, Agent agent, CancellationToken ct)
    {
        if (!conversation.IsWaiting || !await queue.TryClaimAsync(conversation, agent.Id))
        {
            throw HubErrors.Create(HubErrors.Conflict, $"Conversation '{conversation.Id}' is no longer waiting, is offered to someone else, or you are at capacity.");
        }

        return await CompleteAsync(conversation, agent, ct);
    }

    /// <summary>Accepts the router's offer; answers conflict when the offer expired or went elsewhere.</summary>
    public async Task<Conversation> AcceptOfferAsync(Conversation conversation, Agent agent, CancellationToken ct)
    {
        if (!await queue.TryAcceptAsync(conversation.Id, agent.Id))
        {
            throw HubErrors.Create(HubErrors.Conflict, $"The offer of conversation '{conversation.Id}' is no longer open.");
        }

        return await CompleteAsync(conversation, agent, ct);
    }

    /// <summary>After the routing state gave the agent the conversation: record it in the store and tell everyone.</summary>
    private async Task<Conversation> CompleteAsync(Conversation conversation, Agent agent, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!await conversations.TryAssignAsync(conversation.Id, agent.Id, now, ct))
        {
            await queue.ReleaseAssignmentAsync(conversation.Id, conversation.Channel, agent.Id);
            throw HubErrors.Create(HubErrors.Conflict, $"Conversation '{conversation.Id}' is no longer waiting.");
        }

        var claimed = await conversations.ReloadAsync(conversation.Id, ct);
        await desk.RecordAgentAsync(claimed.TicketId, agent.Id, ct);
        await notifier.DequeuedAsync(claimed.Id);
        await messages.SendSystemAsync(claimed, $"{agent.DisplayName} joined the conversation.", ct);
        await notifier.ConversationChangedAsync(claimed, agent.DisplayName);
        await channels.AssignedAsync(claimed, agent, ct); // a caller waits in Twilio's queue until now
        return claimed;
    }
}

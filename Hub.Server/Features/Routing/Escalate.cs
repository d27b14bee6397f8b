using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Features.Routing;

/// <summary>
/// An agent passes the conversation to another support level with a reason and a hand-off note for
/// the next agent; the ticket records the level change, the customer is told in plain words.
/// </summary>
public sealed class Escalate(
    IConversationStore conversations,
    TicketDesk desk,
    ConversationMessages messages,
    ChatNotifier notifier,
    RoutingGateway queue,
    ChannelHooks channels)
{
    public async Task EscalateAsync(Conversation conversation, Agent agent, EscalateRequest request, CancellationToken ct)
    {
        if (!conversation.IsOpen)
        {
            throw HubErrors.Create(HubErrors.Closed, $"Conversation '{conversation.Id}' is closed.");
        }

        if (request.Level == conversation.Level)
        {
            throw HubErrors.Create(HubErrors.ValidationFailed, $"The conversation is at level {request.Level} already.");
        }

        if (!await conversations.TryRequeueAsync(conversation.Id, conversation.AssignedAgentId, request.Level, ct))
        {
            throw HubErrors.Create(HubErrors.Conflict, $"Conversation '{conversation.Id}' changed meanwhile; open it again.");
        }

        await desk.EscalateAsync(conversation.TicketId, request.Level, agent.Id, request.Reason, request.HandoffNote, ct);
        var moved = await conversations.ReloadAsync(conversation.Id, ct);
        await messages.SendAsync(moved, new Sender(SenderRole.Agent, agent.Id, agent.DisplayName), null, MessageKind.PrivateNote,
            $"Hand-off to level {request.Level} ({request.Reason}): {request.HandoffNote}", ct);
        await messages.SendSystemAsync(moved, $"Your conversation was passed to our level {request.Level} support team. Someone will be with you shortly.", ct);
        await queue.RequeueAsync(moved, conversation.AssignedAgentId, explicitLevel: true);
        await notifier.WaitingAgainAsync(moved);
        await channels.ReturnedToQueueAsync(moved, ct); // a caller waits in Twilio's queue again (a cold transfer)
    }
}

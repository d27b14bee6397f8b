using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Errors;

namespace SupportHub.Server.Features.Routing;

/// <summary>An agent passes the conversation to a named agent; it falls back to the level's queue if they do not take it in time.</summary>
public sealed class Transfer(
    IConversationStore conversations,
    ConversationMessages messages,
    ChatNotifier notifier,
    RoutingGateway queue,
    ChannelHooks channels)
{
    public async Task TransferAsync(Conversation conversation, Agent agent, Agent target, string note, CancellationToken ct)
    {
        if (!conversation.IsOpen)
        {
            throw HubErrors.Create(HubErrors.Closed, $"Conversation '{conversation.Id}' is closed.");
        }

        if (conversation.IsAssignedTo(target.Id))
        {
            throw HubErrors.Create(HubErrors.ValidationFailed, "The conversation is with that agent already.");
        }

        if (!await conversations.TryRequeueAsync(conversation.Id, conversation.AssignedAgentId, conversation.Level, ct))
        {
            throw HubErrors.Create(HubErrors.Conflict, $"Conversation '{conversation.Id}' changed meanwhile; open it again.");
        }

        var moved = await conversations.ReloadAsync(conversation.Id, ct);
        await messages.SendAsync(moved, new Sender(SenderRole.Agent, agent.Id, agent.DisplayName), null, MessageKind.PrivateNote,
            $"Transfer to {target.DisplayName}: {note}", ct);
        await messages.SendSystemAsync(moved, $"{agent.DisplayName} is passing your conversation to {target.DisplayName}.", ct);
        await queue.RequeueAsync(moved, conversation.AssignedAgentId, preferredAgentId: target.Id, explicitLevel: true);
        await notifier.WaitingAgainAsync(moved);
        await channels.ReturnedToQueueAsync(moved, ct); // a caller waits in Twilio's queue again (a cold transfer)
    }
}

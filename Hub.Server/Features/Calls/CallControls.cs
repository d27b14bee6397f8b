using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Errors;

namespace SupportHub.Server.Features.Calls;

/// <summary>The agent hub's call controls: only a live call with its agent can be held, hung up or handed over warm.</summary>
internal sealed class CallControls(ICallBridge bridge, WarmTransfer warm, ConversationMessages messages, IAgentStore agents) : ICallControls
{
    public async Task HoldAsync(Conversation conversation, bool onHold, CancellationToken ct)
    {
        var call = LiveCall(conversation);
        if (onHold)
        {
            await bridge.HoldAsync(call, ct);
            await messages.SendSystemAsync(call, "The caller is on hold.", ct);
            return;
        }

        var agent = (await agents.GetAsync(call.AssignedAgentId!, ct))!;
        await bridge.ConnectAsync(call, agent, ct);
        await messages.SendSystemAsync(call, $"The caller is back with {agent.DisplayName}.", ct);
    }

    public Task HangUpAsync(Conversation conversation, CancellationToken ct) => bridge.HangUpAsync(LiveCall(conversation), ct);

    public async Task StartWarmTransferAsync(Conversation conversation, string agentId, string note, CancellationToken ct)
    {
        var (call, holder, target) = await PartiesAsync(conversation, agentId, ct);
        await warm.StartAsync(call, holder, target, note, ct);
    }

    public async Task CompleteWarmTransferAsync(Conversation conversation, string agentId, CancellationToken ct)
    {
        var (call, holder, target) = await PartiesAsync(conversation, agentId, ct);
        await warm.CompleteAsync(call, holder, target, ct);
    }

    public async Task CancelWarmTransferAsync(Conversation conversation, string agentId, CancellationToken ct)
    {
        var (call, _, target) = await PartiesAsync(conversation, agentId, ct);
        await warm.CancelAsync(call, target, ct);
    }

    private async Task<(Conversation Call, Agent Holder, Agent Target)> PartiesAsync(Conversation conversation, string agentId, CancellationToken ct)
    {
        var call = LiveCall(conversation);
        var target = (await agents.GetAsync(agentId, ct))!;
        if (call.IsAssignedTo(target.Id))
        {
            throw HubErrors.Create(HubErrors.ValidationFailed, "The call is with that agent already.");
        }

        var holder = (await agents.GetAsync(call.AssignedAgentId!, ct))!;
        return (call, holder, target);
    }

    private static Conversation LiveCall(Conversation conversation)
    {
        if (!conversation.IsLiveCall)
        {
            throw HubErrors.Create(HubErrors.ValidationFailed, $"Conversation '{conversation.Id}' is not a phone call.");
        }

        return conversation.IsWithAgent
            ? conversation
            : throw HubErrors.Create(HubErrors.Closed, $"The call of conversation '{conversation.Id}' is not connected to an agent.");
    }
}

using FluentValidation;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Calls;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Features.Routing;

namespace SupportHub.Server.Features.Chat;

/// <summary>Call controls of the console; the caller's line is moved through Twilio's REST API (escalation is <see cref="Escalate"/>).</summary>
public sealed partial class AgentHub
{
    /// <summary>Puts the caller on hold (hold music), or takes them off hold and rings the assigned agent's browser again.</summary>
    public async Task HoldCall(HoldCallRequest request)
    {
        var conversation = await LiveCallAsync(request.ConversationId);
        if (request.OnHold)
        {
            await voice.HoldAsync(conversation, Context.ConnectionAborted);
            await chat.SendSystemAsync(conversation, "The caller is on hold.", Context.ConnectionAborted);
            return;
        }

        var agent = (await agents.GetAsync(conversation.AssignedAgentId!, Context.ConnectionAborted))!;
        await voice.ConnectAsync(conversation, agent, Context.ConnectionAborted);
        await chat.SendSystemAsync(conversation, $"The caller is back with {agent.DisplayName}.", Context.ConnectionAborted);
    }

    /// <summary>Ends the call; Twilio's status callback then ends the conversation and frees the agent.</summary>
    public async Task HangUpCall(ConversationRequest request) =>
        await voice.HangUpAsync(await LiveCallAsync(request.ConversationId), Context.ConnectionAborted);

    /// <summary>Rings another agent into the call (a conference) to introduce the caller; the call stays yours until you complete the transfer.</summary>
    public async Task WarmTransfer(WarmTransferRequest request)
    {
        var (conversation, holder, target) = await WarmTransferPartiesAsync(request.ConversationId, request.AgentId);
        await handoff.StartWarmTransferAsync(conversation, holder, target, request.Note ?? "", Context.ConnectionAborted);
    }

    /// <summary>Hands the call to the agent you brought in, and takes you out of it.</summary>
    public async Task CompleteWarmTransfer(WarmTransferRequest request)
    {
        var (conversation, holder, target) = await WarmTransferPartiesAsync(request.ConversationId, request.AgentId);
        await handoff.CompleteWarmTransferAsync(conversation, holder, target, Context.ConnectionAborted);
    }

    /// <summary>Takes the agent you brought in out of the call again; the call stays yours.</summary>
    public async Task CancelWarmTransfer(WarmTransferRequest request)
    {
        var (conversation, _, target) = await WarmTransferPartiesAsync(request.ConversationId, request.AgentId);
        await handoff.CancelWarmTransferAsync(conversation, target, Context.ConnectionAborted);
    }

    private async Task<(Conversation Conversation, Agent Holder, Agent Target)> WarmTransferPartiesAsync(string conversationId, string agentId)
    {
        var conversation = await LiveCallAsync(conversationId);
        var target = (await agents.GetAsync(agentId, Context.ConnectionAborted))!;
        if (target.Id == conversation.AssignedAgentId)
        {
            throw HubErrors.Create(HubErrors.ValidationFailed, "The call is with that agent already.");
        }

        var holder = (await agents.GetAsync(conversation.AssignedAgentId!, Context.ConnectionAborted))!;
        return (conversation, holder, target);
    }

    private async Task<Conversation> LiveCallAsync(string conversationId)
    {
        var conversation = await AssignedAsync(conversationId);
        if (VoiceCalls.CallSidOf(conversation) is null)
        {
            throw HubErrors.Create(HubErrors.ValidationFailed, $"Conversation '{conversationId}' is not a phone call.");
        }

        return conversation.Status == ConversationStatus.Active
            ? conversation
            : throw HubErrors.Create(HubErrors.Closed, $"The call of conversation '{conversationId}' is not connected to an agent.");
    }
}

public sealed record HoldCallRequest(string ConversationId, bool OnHold);

/// <param name="Note">For the agent brought in (starting only): what the call is about.</param>
public sealed record WarmTransferRequest(string ConversationId, string AgentId, string? Note = null);

internal sealed class HoldCallValidator : AbstractValidator<HoldCallRequest>
{
    public HoldCallValidator(ConversationLookup lookup) => RuleFor(r => r.ConversationId).ExistingConversation(lookup);
}

internal sealed class WarmTransferValidator : AbstractValidator<WarmTransferRequest>
{
    public WarmTransferValidator(ConversationLookup lookup, IAgentStore agents)
    {
        RuleFor(r => r.ConversationId).ExistingConversation(lookup);
        RuleFor(r => r.AgentId).ExistingAgent(agents);
        RuleFor(r => r.Note).MaximumLength(ChatLimits.MaxTextLength);
    }
}

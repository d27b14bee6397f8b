using FluentValidation;
using SupportHub.Server.Features.Calls;
using SupportHub.Server.Infrastructure.Validation;

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

internal sealed class HoldCallValidator : AbstractValidator<HoldCallRequest>
{
    public HoldCallValidator(ConversationLookup lookup) => RuleFor(r => r.ConversationId).ExistingConversation(lookup);
}

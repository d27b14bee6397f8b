using FluentValidation;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Features.Routing;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// Call controls of the console (escalation is <see cref="Escalate"/>). The hub checks that the
/// caller is the call's agent (or a supervisor); <see cref="ICallControls"/>, which the calls
/// feature implements, moves the caller's line.
/// </summary>
public sealed partial class AgentHub
{
    /// <summary>Puts the caller on hold (hold music), or takes them off hold and rings the assigned agent's browser again.</summary>
    public async Task HoldCall(HoldCallRequest request) =>
        await calls.HoldAsync(await AssignedAsync(request.ConversationId), request.OnHold, Context.ConnectionAborted);

    /// <summary>Ends the call; Twilio's status callback then ends the conversation and frees the agent.</summary>
    public async Task HangUpCall(ConversationRequest request) =>
        await calls.HangUpAsync(await AssignedAsync(request.ConversationId), Context.ConnectionAborted);

    /// <summary>Rings another agent into the call (a conference) to introduce the caller; the call stays yours until you complete the transfer.</summary>
    public async Task WarmTransfer(WarmTransferRequest request) =>
        await calls.StartWarmTransferAsync(await AssignedAsync(request.ConversationId), request.AgentId, request.Note ?? "", Context.ConnectionAborted);

    /// <summary>Hands the call to the agent you brought in, and takes you out of it.</summary>
    public async Task CompleteWarmTransfer(WarmTransferRequest request) =>
        await calls.CompleteWarmTransferAsync(await AssignedAsync(request.ConversationId), request.AgentId, Context.ConnectionAborted);

    /// <summary>Takes the agent you brought in out of the call again; the call stays yours.</summary>
    public async Task CancelWarmTransfer(WarmTransferRequest request) =>
        await calls.CancelWarmTransferAsync(await AssignedAsync(request.ConversationId), request.AgentId, Context.ConnectionAborted);
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

// One validator per routing request; ids must exist, levels must be configured.
using FluentValidation;
using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Errors;

namespace SupportHub.Server.Features.Routing;

internal sealed class SetPresenceValidator : AbstractValidator<SetPresenceRequest>
{
    public SetPresenceValidator() => RuleFor(r => r.Status).NotNull().WithMessage("Status is required: Available, Busy, Away or Offline.").IsInEnum();
}

internal sealed class EscalateValidator : AbstractValidator<EscalateRequest>
{
    public EscalateValidator(ConversationLookup lookup, IOptions<RoutingOptions> options)
    {
        RuleFor(r => r.ConversationId).ExistingConversation(lookup);
        RuleFor(r => r.Level).InclusiveBetween(1, options.Value.Levels)
            .WithMessage($"Level must be between 1 and {options.Value.Levels}.");
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(ChatLimits.MaxTopicLength);
        RuleFor(r => r.HandoffNote).NotEmpty().WithMessage("A hand-off note is required: tell the next level what you found.")
            .MaximumLength(ChatLimits.MaxTextLength);
    }
}

internal sealed class TransferValidator : AbstractValidator<TransferRequest>
{
    public TransferValidator(ConversationLookup lookup, IAgentStore agents)
    {
        RuleFor(r => r.ConversationId).ExistingConversation(lookup);
        RuleFor(r => r.AgentId).ExistingAgent(agents);
        RuleFor(r => r.Note).NotEmpty().WithMessage("A note for the next agent is required.").MaximumLength(ChatLimits.MaxTextLength);
    }
}

internal sealed class ReassignValidator : AbstractValidator<ReassignRequest>
{
    public ReassignValidator(ConversationLookup lookup, IAgentStore agents)
    {
        RuleFor(r => r.ConversationId).ExistingConversation(lookup);
        RuleFor(r => r.AgentId).ExistingAgent(agents);
    }
}

internal sealed class LeaveMessageValidator : AbstractValidator<LeaveMessageRequest>
{
    public LeaveMessageValidator(ConversationLookup lookup)
    {
        RuleFor(r => r.ConversationId).ExistingConversation(lookup);
        RuleFor(r => r.ClientMessageId).ClientMessageId();
        RuleFor(r => r.Text).MessageText();
        RuleFor(r => r.Email).MaximumLength(ChatLimits.MaxEmailLength).EmailAddress().When(r => !string.IsNullOrEmpty(r.Email));
    }
}

internal static class AgentRules
{
    public static IRuleBuilderOptions<T, string> ExistingAgent<T>(this IRuleBuilderInitial<T, string> rule, IAgentStore agents) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("AgentId is required.")
            .MaximumLength(ChatLimits.MaxIdLength)
            .MustAsync(async (id, ct) => await agents.GetAsync(id, ct) is { Disabled: false })
            .WithErrorCode(HubErrors.NotFound)
            .WithMessage((_, id) => $"Agent '{id}' does not exist or is disabled.");
}

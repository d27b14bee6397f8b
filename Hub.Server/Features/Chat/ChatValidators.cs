// One validator per chat request; they share the rules in ChatRules.
using FluentValidation;

namespace SupportHub.Server.Features.Chat;

internal sealed class StartConversationValidator : AbstractValidator<StartConversationRequest>
{
    public StartConversationValidator()
    {
        RuleFor(r => r.Name).MaximumLength(ChatLimits.MaxNameLength);
        RuleFor(r => r.Email).MaximumLength(ChatLimits.MaxEmailLength).EmailAddress().When(r => !string.IsNullOrEmpty(r.Email));
        RuleFor(r => r.Topic).MaximumLength(ChatLimits.MaxTopicLength);
        RuleFor(r => r.Text).MessageText();
        RuleFor(r => r.ClientMessageId).ClientMessageId();
    }
}

internal sealed class SendMessageValidator : AbstractValidator<SendMessageRequest>
{
    public SendMessageValidator(ConversationLookup store)
    {
        RuleFor(r => r.ConversationId).ExistingConversation(store);
        RuleFor(r => r.ClientMessageId).ClientMessageId();
        RuleFor(r => r.Text).MessageText();
    }
}

internal sealed class TypingValidator : AbstractValidator<TypingRequest>
{
    public TypingValidator(ConversationLookup store) => RuleFor(r => r.ConversationId).ExistingConversation(store);
}

internal sealed class MarkReadValidator : AbstractValidator<MarkReadRequest>
{
    public MarkReadValidator(ConversationLookup store)
    {
        RuleFor(r => r.ConversationId).ExistingConversation(store);
        RuleFor(r => r.Seq).GreaterThanOrEqualTo(0);
    }
}

internal sealed class ResumeValidator : AbstractValidator<ResumeRequest>
{
    public ResumeValidator(ConversationLookup store)
    {
        RuleFor(r => r.ConversationId).ExistingConversation(store);
        RuleFor(r => r.AfterSeq).GreaterThanOrEqualTo(0);
    }
}

internal sealed class ConversationRequestValidator : AbstractValidator<ConversationRequest>
{
    public ConversationRequestValidator(ConversationLookup store) => RuleFor(r => r.ConversationId).ExistingConversation(store);
}

internal sealed class ResolveValidator : AbstractValidator<ResolveRequest>
{
    public ResolveValidator(ConversationLookup store)
    {
        RuleFor(r => r.ConversationId).ExistingConversation(store);
        RuleFor(r => r.Resolution).NotEmpty().MaximumLength(ChatLimits.MaxResolutionLength);
    }
}

internal sealed class RateConversationValidator : AbstractValidator<RateConversationRequest>
{
    public RateConversationValidator(ConversationLookup lookup)
    {
        RuleFor(r => r.ConversationId).ExistingConversation(lookup);
        RuleFor(r => r.Score).InclusiveBetween(1, 5).WithMessage("Score must be from 1 to 5.");
        RuleFor(r => r.Comment).MaximumLength(ChatLimits.MaxRatingCommentLength);
    }
}

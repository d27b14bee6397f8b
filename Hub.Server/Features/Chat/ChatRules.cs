using FluentValidation;
using SupportHub.Server.Features.Errors;

namespace SupportHub.Server.Features.Chat;

internal static class ChatRules
{
    public static IRuleBuilderOptions<T, string> MessageText<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Text must not be empty.")
            .MaximumLength(ChatLimits.MaxTextLength).WithMessage($"Text must be at most {ChatLimits.MaxTextLength} characters.");

    public static IRuleBuilderOptions<T, string> ClientMessageId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("ClientMessageId is required.")
            .MaximumLength(ChatLimits.MaxClientMessageIdLength);

    /// <summary>The id must be well-formed and name a stored conversation (error code not_found otherwise).</summary>
    public static IRuleBuilderOptions<T, string> ExistingConversation<T>(this IRuleBuilderInitial<T, string> rule, ConversationLookup lookup) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("ConversationId is required.")
            .MaximumLength(ChatLimits.MaxIdLength)
            .MustAsync(async (id, ct) => await lookup.FindAsync(id, ct) is not null)
            .WithErrorCode(HubErrors.NotFound)
            .WithMessage((_, id) => $"Conversation '{id}' does not exist.");
}

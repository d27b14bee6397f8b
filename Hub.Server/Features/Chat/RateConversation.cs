using SupportHub.Server.Features.Errors;

namespace SupportHub.Server.Features.Chat;

/// <summary>The customer's satisfaction rating (CSAT), once, after the conversation closed.</summary>
public sealed class RateConversation(IConversationStore conversations, TimeProvider time)
{
    public async Task RateAsync(Conversation conversation, int score, string? comment, CancellationToken ct)
    {
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (!await conversations.TryRateAsync(conversation.Id, score, comment, time.GetUtcNow(), ct))
        {
            throw HubErrors.Create(HubErrors.Conflict, conversation.IsOpen
                ? "The conversation is still open: rate it once it has ended."
                : "This conversation has been rated already.");
        }
    }
}

using SupportHub.Server.Features.Errors;

namespace SupportHub.Server.Features.Chat;

public static class ConversationStoreExtensions
{
    /// <summary>The conversation as stored now, after a write changed it; not_found when it is gone.</summary>
    public static async Task<Conversation> ReloadAsync(this IConversationStore store, string id, CancellationToken ct) =>
        await store.GetAsync(id, ct) ?? throw HubErrors.ConversationNotFound(id);
}

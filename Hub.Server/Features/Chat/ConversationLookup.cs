namespace SupportHub.Server.Features.Chat;

/// <summary>
/// Scoped to one hub invocation or request: the validator that checks an id exists and the method
/// that then uses the conversation share one store read.
/// </summary>
public sealed class ConversationLookup(IConversationStore store)
{
    private readonly Dictionary<string, Conversation?> seen = new(StringComparer.Ordinal);

    public async Task<Conversation?> FindAsync(string id, CancellationToken ct = default)
    {
        if (!seen.TryGetValue(id, out var conversation))
        {
            conversation = await store.GetAsync(id, ct);
            seen[id] = conversation;
        }

        return conversation;
    }

    /// <summary>Forgets what was read, after a write changed it.</summary>
    public void Forget(string id) => seen.Remove(id);
}

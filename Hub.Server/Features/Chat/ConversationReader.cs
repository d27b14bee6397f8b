using SupportHub.Server.Features.Agents;

namespace SupportHub.Server.Features.Chat;

/// <summary>What clients read of conversations: a transcript page, a conversation with its agent's name, the queue.</summary>
public sealed class ConversationReader(IConversationStore conversations, IAgentStore agents)
{
    public async Task<ResumeResult> ResumeAsync(Conversation conversation, long afterSeq, bool includePrivateNotes, CancellationToken ct)
    {
        var page = await conversations.GetMessagesAsync(conversation.Id, afterSeq, ChatLimits.ResumePageSize + 1, includePrivateNotes, ct);
        var hasMore = page.Count > ChatLimits.ResumePageSize;
        var messages = page.Take(ChatLimits.ResumePageSize).Select(m => m.ToDto()).ToList();
        return new ResumeResult(await ToDtoAsync(conversation, ct), messages, hasMore);
    }

    public async Task<ConversationDto> ToDtoAsync(Conversation conversation, CancellationToken ct)
    {
        var agent = conversation.AssignedAgentId is { } id ? await agents.GetAsync(id, ct) : null;
        return conversation.ToDto(agent?.DisplayName);
    }

    public async Task<IReadOnlyList<ConversationDto>> ToDtosAsync(IReadOnlyList<Conversation> list, CancellationToken ct)
    {
        var result = new List<ConversationDto>(list.Count);
        foreach (var conversation in list)
        {
            result.Add(await ToDtoAsync(conversation, ct));
        }

        return result;
    }
}

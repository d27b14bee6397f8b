using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// A conversation closes: resolved by its agent, or ended (by the customer, a message left, a call
/// hung up or turned into a follow-up). The store decides once; only that first close frees the
/// agent, says so in the transcript and tells the conversation's channel.
/// </summary>
public sealed class CloseConversation(
    IConversationStore conversations,
    TicketDesk desk,
    IAgentStore agents,
    ConversationMessages messages,
    ChatNotifier notifier,
    RoutingGateway queue,
    ChannelHooks channels,
    TimeProvider time)
{
    public async Task ResolveAsync(Conversation conversation, Agent agent, string resolution, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!await conversations.TryCloseAsync(conversation.Id, ConversationStatus.Resolved, now, ct))
        {
            throw HubErrors.Create(HubErrors.Closed, $"Conversation '{conversation.Id}' is already closed.");
        }

        await desk.ResolveAsync(conversation.TicketId, agent.Id, resolution, ct);
        await queue.WithdrawAsync(await conversations.ReloadAsync(conversation.Id, ct));
        await AnnounceAsync(conversation.Id, $"{agent.DisplayName} resolved the conversation.", ct);
    }

    /// <summary>The customer ended it; their second click changes nothing.</summary>
    public Task EndByCustomerAsync(Conversation conversation, CancellationToken ct) =>
        EndAsync(conversation, "The customer ended the conversation.", ct);

    /// <summary>Ends an open conversation; false when it was closed already (ending twice is harmless).</summary>
    public Task<bool> EndAsync(Conversation conversation, string systemText, CancellationToken ct) =>
        EndAsync(conversation, _ => systemText, ct);

    /// <param name="systemText">The transcript's last line, given the moment the conversation ended.</param>
    public Task<bool> EndAsync(Conversation conversation, Func<DateTimeOffset, string> systemText, CancellationToken ct) =>
        EndAsync(conversation.Id, at => conversations.TryCloseAsync(conversation.Id, ConversationStatus.Ended, at, ct), systemText, ct);

    /// <summary>
    /// Ends the conversation only while it still waits (a message left instead of a chat); false when
    /// an agent took it in the meantime (or it closed), and then nothing changes.
    /// </summary>
    public Task<bool> EndWaitingAsync(Conversation conversation, string systemText, CancellationToken ct) =>
        EndAsync(conversation.Id, at => conversations.TryEndWaitingAsync(conversation.Id, at, ct), _ => systemText, ct);

    private async Task<bool> EndAsync(string conversationId, Func<DateTimeOffset, Task<bool>> tryClose, Func<DateTimeOffset, string> systemText, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!await tryClose(now))
        {
            return false;
        }

        // As stored at the close: an agent who took it just before still holds capacity to free.
        await queue.WithdrawAsync(await conversations.ReloadAsync(conversationId, ct));
        await AnnounceAsync(conversationId, systemText(now), ct);
        return true;
    }

    private async Task AnnounceAsync(string conversationId, string systemText, CancellationToken ct)
    {
        var closed = await conversations.ReloadAsync(conversationId, ct);
        await notifier.DequeuedAsync(closed.Id);
        await messages.SendSystemAsync(closed, systemText, ct);
        var agent = closed.AssignedAgentId is { } id ? await agents.GetAsync(id, ct) : null;
        await notifier.ConversationChangedAsync(closed, agent?.DisplayName);
        await channels.ClosedAsync(closed, ct);
    }
}

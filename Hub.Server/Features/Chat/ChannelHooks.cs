using SupportHub.Server.Features.Agents;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// Calls the <see cref="IChannelHook"/> of a conversation's channel; a channel without one (chat)
/// needs nothing done, so Chat runs the same whether or not a channel feature is registered.
/// </summary>
public sealed class ChannelHooks(IEnumerable<IChannelHook> hooks)
{
    private readonly Dictionary<Channel, IChannelHook> byChannel = hooks.ToDictionary(h => h.Channel);

    public Task AssignedAsync(Conversation conversation, Agent agent, CancellationToken ct) =>
        byChannel.TryGetValue(conversation.Channel, out var hook) ? hook.AssignedAsync(conversation, agent, ct) : Task.CompletedTask;

    public Task ReturnedToQueueAsync(Conversation conversation, CancellationToken ct) =>
        byChannel.TryGetValue(conversation.Channel, out var hook) ? hook.ReturnedToQueueAsync(conversation, ct) : Task.CompletedTask;

    public Task ClosedAsync(Conversation conversation, CancellationToken ct) =>
        byChannel.TryGetValue(conversation.Channel, out var hook) ? hook.ClosedAsync(conversation, ct) : Task.CompletedTask;
}

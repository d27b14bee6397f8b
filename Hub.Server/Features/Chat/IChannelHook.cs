using SupportHub.Server.Features.Agents;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// What a channel does when one of its conversations changes hands. A chat needs nothing; the calls
/// feature moves the caller's line. Chat defines the hook and the channel implements it, so that
/// Chat and Routing never depend on a channel (see <see cref="ChannelHooks"/>).
/// </summary>
public interface IChannelHook
{
    /// <summary>The channel whose conversations this hook serves.</summary>
    Channel Channel { get; }

    /// <summary>An agent got the conversation (accepted, claimed, reassigned, taken over).</summary>
    Task AssignedAsync(Conversation conversation, Agent agent, CancellationToken ct);

    /// <summary>The conversation went from an agent back to the queue (escalation, transfer, an agent lost), at <see cref="Conversation.Level"/>.</summary>
    Task ReturnedToQueueAsync(Conversation conversation, CancellationToken ct);

    /// <summary>The conversation closed (resolved, ended, left as a message).</summary>
    Task ClosedAsync(Conversation conversation, CancellationToken ct);
}

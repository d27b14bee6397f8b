using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Calls;

/// <summary>What Chat's hand-overs mean for a caller on the line: put through to the agent, or back into the queue.</summary>
internal sealed class CallChannelHook(ICallBridge bridge, CallConnector connector) : IChannelHook
{
    public Channel Channel => Channel.Voice;

    /// <summary>
    /// The caller (waiting in Twilio's queue, on hold, or talking to another agent) is put through in
    /// the background, so the agent's accept does not wait on Twilio; a follow-up has nobody on the line.
    /// </summary>
    public Task AssignedAsync(Conversation conversation, Agent agent, CancellationToken ct)
    {
        if (conversation.IsLiveCall)
        {
            connector.Start(conversation, agent);
        }

        return Task.CompletedTask;
    }

    public Task ReturnedToQueueAsync(Conversation conversation, CancellationToken ct) =>
        bridge.ReturnToQueueAsync(conversation, conversation.Level, ct);

    /// <summary>Nothing to do: a resolved call stays on the line until someone hangs up, and Twilio's status callback ends the rest.</summary>
    public Task ClosedAsync(Conversation conversation, CancellationToken ct) => Task.CompletedTask;
}

using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Calls;

/// <summary>Moves a live call between the queue, an agent and hold, through Twilio's REST API.</summary>
public interface ICallBridge
{
    /// <summary>Connects the waiting (or held) caller to the agent who has the voice conversation.</summary>
    Task ConnectAsync(Conversation conversation, Agent agent, CancellationToken ct);

    /// <summary>Takes the caller from the agent back into the queue (a cold transfer), telling them why.</summary>
    Task ReturnToQueueAsync(Conversation conversation, int level, CancellationToken ct);

    /// <summary>Puts the caller on hold (music or a pause); <see cref="ConnectAsync"/> takes them back.</summary>
    Task HoldAsync(Conversation conversation, CancellationToken ct);

    /// <summary>
    /// A warm transfer: moves the caller into a conference of their own and rings <paramref name="agents"/>
    /// into it, so that the first can introduce the caller to the second.
    /// </summary>
    Task ConferenceAsync(Conversation conversation, IReadOnlyList<Agent> agents, CancellationToken ct);

    /// <summary>Takes an agent out of the call's conference (the caller and the others stay).</summary>
    Task LeaveConferenceAsync(Conversation conversation, Agent agent, CancellationToken ct);

    /// <summary>Ends the call; Twilio's status callback then ends the conversation.</summary>
    Task HangUpAsync(Conversation conversation, CancellationToken ct);
}

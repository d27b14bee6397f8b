namespace SupportHub.Server.Features.Chat;

/// <summary>
/// The console's call controls on the agent hub (HoldCall, HangUpCall, the warm-transfer methods).
/// The hub checks who may act; the calls feature implements what happens to the call, so that
/// Chat never depends on it. Without the calls feature every control answers that this is no call.
/// </summary>
public interface ICallControls
{
    /// <summary>Puts the caller on hold, or takes them off hold and back to the assigned agent.</summary>
    Task HoldAsync(Conversation conversation, bool onHold, CancellationToken ct);

    /// <summary>Ends the call; Twilio's status callback then ends the conversation.</summary>
    Task HangUpAsync(Conversation conversation, CancellationToken ct);

    /// <summary>Rings <paramref name="agentId"/> into the call to introduce the caller; the call stays with its agent.</summary>
    Task StartWarmTransferAsync(Conversation conversation, string agentId, string note, CancellationToken ct);

    /// <summary>Hands the call to the agent brought in; its agent leaves the call.</summary>
    Task CompleteWarmTransferAsync(Conversation conversation, string agentId, CancellationToken ct);

    /// <summary>Takes the agent brought in out of the call again.</summary>
    Task CancelWarmTransferAsync(Conversation conversation, string agentId, CancellationToken ct);
}

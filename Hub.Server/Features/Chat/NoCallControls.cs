using SupportHub.Server.Features.Errors;

namespace SupportHub.Server.Features.Chat;

/// <summary>The call controls of a hub without the calls feature: no conversation is a call.</summary>
internal sealed class NoCallControls : ICallControls
{
    public Task HoldAsync(Conversation conversation, bool onHold, CancellationToken ct) => throw HubErrors.Create(HubErrors.ValidationFailed, NotACall(conversation));

    public Task HangUpAsync(Conversation conversation, CancellationToken ct) => throw HubErrors.Create(HubErrors.ValidationFailed, NotACall(conversation));

    public Task StartWarmTransferAsync(Conversation conversation, string agentId, string note, CancellationToken ct) => throw HubErrors.Create(HubErrors.ValidationFailed, NotACall(conversation));

    public Task CompleteWarmTransferAsync(Conversation conversation, string agentId, CancellationToken ct) => throw HubErrors.Create(HubErrors.ValidationFailed, NotACall(conversation));

    public Task CancelWarmTransferAsync(Conversation conversation, string agentId, CancellationToken ct) => throw HubErrors.Create(HubErrors.ValidationFailed, NotACall(conversation));

    private static string NotACall(Conversation conversation) => $"Conversation '{conversation.Id}' is not a phone call.";
}

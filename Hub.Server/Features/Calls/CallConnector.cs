using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Features.Routing;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// Puts a caller through to the agent who took the call, after the hub call that took it has
/// answered: the agent's console never waits on Twilio. When Twilio does not take the redirect (an
/// error, no answer within <c>Hub:Twilio:RestTimeout</c>, the circuit open), the caller is still in
/// Twilio's queue: the conversation waits again, first in line, and its transcript (which the agent's
/// console gets as a system message) says why.
/// </summary>
public sealed partial class CallConnector(
    ICallBridge bridge, CallTranscript transcript, IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<CallConnector> logger)
{
    public void Start(Conversation conversation, Agent agent) =>
        _ = Task.Run(() => ConnectAsync(conversation, agent, lifetime.ApplicationStopping), CancellationToken.None);

    public async Task ConnectAsync(Conversation call, Agent agent, CancellationToken ct)
    {
        try
        {
            await bridge.ConnectAsync(call, agent, ct);
        }
        catch (UseCaseException e) when (e.Code == HubErrors.CallFailed)
        {
            try
            {
                await NotConnectedAsync(call, agent, e.Detail, ct);
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                LogRequeueFailed(logger, failed, call.Id);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRequeueFailed(logger, e, call.Id);
        }
    }

    private async Task NotConnectedAsync(Conversation call, Agent agent, string reason, CancellationToken ct)
    {
        // Resolved here, not injected: the requeue calls the channel hooks, which hold this connector.
        var requeue = services.GetRequiredService<RequeueFromLostAgent>();
        await transcript.NoteAsync(call, $"{reason} The caller waits in the queue again, first in line.", ct);
        await requeue.RequeueAsync(call.Id, agent.Id, moveCaller: false, ct); // the caller never left Twilio's queue
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The call of conversation {ConversationId} was neither put through nor queued again")]
    private static partial void LogRequeueFailed(ILogger logger, Exception e, string conversationId);
}

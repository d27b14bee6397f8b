using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Api.V2010.Account.Conference;
using Twilio.TwiML;
using Twilio.Types;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// Redirects the caller's live call with new TwiML (CallResource.Update): out of the queue to the
/// agent's browser client, back into the queue, on hold, or ends it.
/// </summary>
internal sealed partial class TwilioCallBridge(
    IOptions<TwilioOptions> options, CallTwiml twiml, IServiceProvider services, ILogger<TwilioCallBridge> logger) : ICallBridge
{
    public Task ConnectAsync(Conversation conversation, Agent agent, CancellationToken ct) =>
        RedirectAsync(conversation, twiml.Connect(conversation, agent), agent.Id);

    public Task ReturnToQueueAsync(Conversation conversation, int level, CancellationToken ct) =>
        RedirectAsync(conversation, twiml.ReturnToQueue(level), null);

    public Task HoldAsync(Conversation conversation, CancellationToken ct) => RedirectAsync(conversation, twiml.OnHold(), null);

    public static string ConferenceName(Conversation conversation) => "hub-" + conversation.Id;

    public async Task ConferenceAsync(Conversation conversation, IReadOnlyList<Agent> agents, CancellationToken ct)
    {
        var twilio = options.Value;
        var name = ConferenceName(conversation);
        await RedirectAsync(conversation, CallTwiml.Conference(name), null);

        // The caller's number as the agents' caller id lets their consoles match the ringing leg to the conversation.
        var from = conversation.Call?.CallerNumber ?? twilio.CallerId ?? "client:hub";
        foreach (var agent in agents)
        {
            var participant = new CreateParticipantOptions(name, new PhoneNumber(from), new PhoneNumber(agent.PhoneNumber ?? "client:" + agent.Id))
            {
                Label = agent.Id,
                Beep = "false",
                StartConferenceOnEnter = true,
                EndConferenceOnExit = false,
                Timeout = twilio.AgentRingSeconds,
            };
            try
            {
                await ParticipantResource.CreateAsync(participant, Client);
            }
            catch (Exception e) when (e is TwilioException or HttpRequestException)
            {
                LogUpdateFailed(logger, e, name);
                throw Errors.HubErrors.Create(Errors.HubErrors.Conflict, $"Twilio did not ring {agent.DisplayName} into the call: {e.Message}");
            }
        }
    }

    public async Task LeaveConferenceAsync(Conversation conversation, Agent agent, CancellationToken ct)
    {
        try
        {
            await ParticipantResource.DeleteAsync(new DeleteParticipantOptions(ConferenceName(conversation), agent.Id), Client); // the label names the participant
        }
        catch (Exception e) when (e is TwilioException or HttpRequestException)
        {
            LogUpdateFailed(logger, e, ConferenceName(conversation)); // the agent can still hang up their own leg
        }
    }

    public async Task HangUpAsync(Conversation conversation, CancellationToken ct)
    {
        if (!options.Value.IsEnabled || conversation.LiveCallSid() is not { } callSid)
        {
            return;
        }

        try
        {
            await CallResource.UpdateAsync(pathSid: callSid, status: CallResource.UpdateStatusEnum.Completed, client: Client);
        }
        catch (Exception e) when (e is TwilioException or HttpRequestException)
        {
            LogUpdateFailed(logger, e, callSid);
            throw Errors.HubErrors.Create(Errors.HubErrors.Conflict, "Twilio did not end the call: " + e.Message);
        }
    }

    private ITwilioRestClient Client => services.GetRequiredService<ITwilioRestClient>();

    private async Task RedirectAsync(Conversation conversation, VoiceResponse response, string? agentId)
    {
        if (!options.Value.IsEnabled || conversation.LiveCallSid() is not { } callSid)
        {
            return; // a voicemail or callback task: nobody is on the line
        }

        try
        {
            await CallResource.UpdateAsync(pathSid: callSid, twiml: new Twiml(CallTwiml.Xml(response)), client: Client);
        }
        catch (Exception e) when (e is TwilioException or HttpRequestException)
        {
            // The routing decision stands: the agent sees the conversation and can call back.
            LogUpdateFailed(logger, e, callSid);
            if (agentId is not null)
            {
                LogBridgeFailed(logger, callSid, agentId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Twilio did not take the update of call {CallSid}")]
    private static partial void LogUpdateFailed(ILogger logger, Exception e, string callSid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallSid} is not connected to agent {AgentId}; the agent can call back")]
    private static partial void LogBridgeFailed(ILogger logger, string callSid, string agentId);
}

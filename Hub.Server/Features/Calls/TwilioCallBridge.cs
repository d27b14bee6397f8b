using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Errors;
using Twilio.Clients;
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
        RedirectAsync(conversation, twiml.Connect(conversation, agent), $"put the call through to {agent.DisplayName}");

    /// <summary>The routing decision stands when Twilio fails here: the caller stays with the agent's leg, who can pass them on again.</summary>
    public async Task ReturnToQueueAsync(Conversation conversation, int level, CancellationToken ct)
    {
        try
        {
            await RedirectAsync(conversation, twiml.ReturnToQueue(level), "move the caller back to the queue");
        }
        catch (UseCaseException)
        {
            // logged by RedirectAsync
        }
    }

    public Task HoldAsync(Conversation conversation, CancellationToken ct) => RedirectAsync(conversation, twiml.OnHold(), "put the caller on hold");

    public static string ConferenceName(Conversation conversation) => "hub-" + conversation.Id;

    public async Task ConferenceAsync(Conversation conversation, IReadOnlyList<Agent> agents, CancellationToken ct)
    {
        var twilio = options.Value;
        var name = ConferenceName(conversation);
        await RedirectAsync(conversation, CallTwiml.Conference(name), "move the caller into a conference");

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
            catch (Exception e) when (TwilioRest.IsFailure(e))
            {
                LogUpdateFailed(logger, e, name, twilio.ApiBaseUrl);
                throw HubErrors.Create(HubErrors.CallFailed, $"Twilio did not ring {agent.DisplayName} into the call ({TwilioRest.Reason(e)}).");
            }
        }
    }

    public async Task LeaveConferenceAsync(Conversation conversation, Agent agent, CancellationToken ct)
    {
        try
        {
            await ParticipantResource.DeleteAsync(new DeleteParticipantOptions(ConferenceName(conversation), agent.Id), Client); // the label names the participant
        }
        catch (Exception e) when (TwilioRest.IsFailure(e))
        {
            LogUpdateFailed(logger, e, ConferenceName(conversation), options.Value.ApiBaseUrl); // the agent can still hang up their own leg
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
        catch (Exception e) when (TwilioRest.IsFailure(e))
        {
            LogUpdateFailed(logger, e, callSid, options.Value.ApiBaseUrl);
            throw HubErrors.Create(HubErrors.CallFailed, $"Twilio did not end the call ({TwilioRest.Reason(e)}).");
        }
    }

    private ITwilioRestClient Client => services.GetRequiredService<ITwilioRestClient>();

    /// <summary>Gives the live call new TwiML; throws <see cref="HubErrors.CallFailed"/> when Twilio did not take it (the call is as it was).</summary>
    private async Task RedirectAsync(Conversation conversation, VoiceResponse response, string what)
    {
        if (!options.Value.IsEnabled || conversation.LiveCallSid() is not { } callSid)
        {
            return; // a voicemail or callback task: nobody is on the line
        }

        try
        {
            await CallResource.UpdateAsync(pathSid: callSid, twiml: new Twiml(CallTwiml.Xml(response)), client: Client);
        }
        catch (Exception e) when (TwilioRest.IsFailure(e))
        {
            LogUpdateFailed(logger, e, callSid, options.Value.ApiBaseUrl);
            throw HubErrors.Create(HubErrors.CallFailed, $"Twilio did not {what} ({TwilioRest.Reason(e)}).");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Twilio did not take the update of call {CallSid} (REST API at {ApiBaseUrl})")]
    private static partial void LogUpdateFailed(ILogger logger, Exception e, string callSid, string apiBaseUrl);
}

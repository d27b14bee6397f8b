using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Api.V2010.Account.Conference;
using Twilio.TwiML;
using Twilio.Types;
using Client = Twilio.TwiML.Voice.Client;
using Conference = Twilio.TwiML.Voice.Conference;
using Dial = Twilio.TwiML.Voice.Dial;
using Start = Twilio.TwiML.Voice.Start;
using Stop = Twilio.TwiML.Voice.Stop;
using Transcription = Twilio.TwiML.Voice.Transcription;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// Redirects the caller's live call with new TwiML (CallResource.Update): out of the queue to the
/// agent's browser client, back into the queue, on hold, or ends it.
/// </summary>
internal sealed partial class TwilioVoiceBridge(
    IOptions<TwilioOptions> options, IServiceProvider services, ILogger<TwilioVoiceBridge> logger) : IVoiceBridge
{
    /// <summary>The real-time transcription's name, so that a transfer or hold can stop it.</summary>
    public const string TranscriptionName = "hub-transcript";

    public Task ConnectAsync(Conversation conversation, Agent agent, CancellationToken ct)
    {
        var twilio = options.Value;
        var response = new VoiceResponse();
        if (twilio.Transcribe)
        {
            var start = new Start();
            start.Transcription(
                name: TranscriptionName,
                track: Transcription.TrackEnum.BothTracks,
                statusCallbackUrl: twilio.PublicUrl(VoiceEndpoints.WebhookPath + "/transcription"),
                languageCode: VoiceTexts.For(twilio.Language).LanguageCode);
            response.Append(start);
        }

        // Dial's action hears whether the agent answered: if not, the caller goes back to the queue.
        var dialResult = new Uri(twilio.PublicUrl(VoiceEndpoints.WebhookPath + "/dial-result"));
        var dial = twilio.RecordCalls
            ? new Dial(
                action: dialResult,
                method: Twilio.Http.HttpMethod.Post,
                timeout: twilio.AgentRingSeconds,
                callerId: twilio.CallerId,
                record: Dial.RecordEnum.RecordFromAnswerDual,
                recordingStatusCallback: new Uri(twilio.PublicUrl(VoiceEndpoints.WebhookPath + "/recording")))
            : new Dial(action: dialResult, method: Twilio.Http.HttpMethod.Post, timeout: twilio.AgentRingSeconds, callerId: twilio.CallerId);
        if (agent.PhoneNumber is { } phone)
        {
            dial.Number(new PhoneNumber(phone));
        }
        else
        {
            // The console's browser phone learns which conversation rings from the parameter.
            var client = new Client();
            client.Identity(agent.Id);
            client.Parameter(name: "conversationId", value: conversation.Id);
            dial.Append(client);
        }
        response.Append(dial);
        return RedirectAsync(conversation, response, agent.Id);
    }

    public Task ReturnToQueueAsync(Conversation conversation, int level, CancellationToken ct)
    {
        var texts = VoiceTexts.For(options.Value.Language);
        var response = StopTranscription(new VoiceResponse());
        response.Say(texts.PassedOn(level), language: texts.SayLanguage);
        VoiceEndpoints.AppendEnqueue(response, options.Value);
        return RedirectAsync(conversation, response, null);
    }

    public Task HoldAsync(Conversation conversation, CancellationToken ct)
    {
        var texts = VoiceTexts.For(options.Value.Language);
        var response = StopTranscription(new VoiceResponse());
        response.Say(texts.OnHold, language: texts.SayLanguage);
        response.Redirect(new Uri(options.Value.PublicUrl(VoiceEndpoints.WebhookPath + "/hold")), Twilio.Http.HttpMethod.Post);
        return RedirectAsync(conversation, response, null);
    }

    public static string ConferenceName(Conversation conversation) => "hub-" + conversation.Id;

    public async Task ConferenceAsync(Conversation conversation, IReadOnlyList<Agent> agents, CancellationToken ct)
    {
        var twilio = options.Value;
        var name = ConferenceName(conversation);
        var dial = new Dial();
        dial.Conference(name, beep: Conference.BeepEnum.False, startConferenceOnEnter: true, endConferenceOnExit: true, participantLabel: "caller");
        await RedirectAsync(conversation, new VoiceResponse().Append(dial), null);

        // The caller's number as the agents' caller id lets their consoles match the ringing leg to the conversation.
        var from = VoiceCalls.PhoneNumberOf(conversation) ?? twilio.CallerId ?? "client:hub";
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
        if (!options.Value.IsEnabled || VoiceCalls.CallSidOf(conversation) is not { } callSid)
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

    private static VoiceResponse StopTranscription(VoiceResponse response)
    {
        var stop = new Stop();
        stop.Transcription(name: TranscriptionName);
        return response.Append(stop);
    }

    private async Task RedirectAsync(Conversation conversation, VoiceResponse response, string? agentId)
    {
        if (!options.Value.IsEnabled || VoiceCalls.CallSidOf(conversation) is not { } callSid)
        {
            return; // a voicemail or callback task: nobody is on the line
        }

        var twiml = response.ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
        try
        {
            await CallResource.UpdateAsync(pathSid: callSid, twiml: new Twiml(twiml), client: Client);
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

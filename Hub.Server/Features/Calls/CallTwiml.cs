using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using Twilio.TwiML;
using Twilio.Types;
using Client = Twilio.TwiML.Voice.Client;
using Dial = Twilio.TwiML.Voice.Dial;
using Gather = Twilio.TwiML.Voice.Gather;
using HttpMethod = Twilio.Http.HttpMethod;
using Start = Twilio.TwiML.Voice.Start;
using Stop = Twilio.TwiML.Voice.Stop;
using Transcription = Twilio.TwiML.Voice.Transcription;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// Every piece of TwiML Hub answers or sends, for the webhooks (<see cref="CallEndpoints"/>) and for
/// the REST adapter that redirects a live call (<see cref="TwilioCallBridge"/>). URLs come from
/// <see cref="CallRoutes"/>; what is said from <see cref="CallTexts"/> in the configured language.
/// </summary>
internal sealed class CallTwiml(IOptions<TwilioOptions> options, IOptions<RoutingOptions> routing)
{
    /// <summary>Twilio's queue that callers wait in until an agent takes them.</summary>
    public const string QueueName = "hub-voice";

    /// <summary>The real-time transcription's name, so that a transfer or hold can stop it.</summary>
    public const string TranscriptionName = "hub-transcript";

    private readonly Lazy<CallMenu> menu = new(() => new CallMenu(options.Value, routing.Value));

    public CallTexts Texts => CallTexts.For(Settings.Language);

    public CallMenu Menu => menu.Value;

    private TwilioOptions Settings => options.Value;

    public static ContentHttpResult Result(VoiceResponse response) => TypedResults.Content(Xml(response), "application/xml");

    public static string Xml(VoiceResponse response) => response.ToString(System.Xml.Linq.SaveOptions.DisableFormatting);

    /// <summary>Adds something said in the line's language.</summary>
    public VoiceResponse Say(VoiceResponse response, string text) => response.Say(text, language: Texts.SayLanguage);

    /// <summary>Says <paramref name="text"/> and ends the call.</summary>
    public VoiceResponse Goodbye(string text) => Say(new VoiceResponse(), text).Hangup();

    /// <summary>The topics (key or speech) and * for a ticket number; said again until the caller chooses.</summary>
    public VoiceResponse MainMenu(bool retry)
    {
        var gather = new Gather(
            input: [Gather.InputEnum.Dtmf, Gather.InputEnum.Speech], numDigits: 1, action: Url(CallRoutes.Menu), method: HttpMethod.Post,
            language: Texts.GatherLanguage, hints: Menu.Hints);
        gather.Say((retry ? Texts.Sorry : Texts.Welcome) + " " + Menu.Prompt, language: Texts.SayLanguage);
        return new VoiceResponse().Append(gather).Redirect(Url(CallRoutes.Incoming), HttpMethod.Post);
    }

    public VoiceResponse TicketPrompt(string? sorry)
    {
        var gather = new Gather(input: [Gather.InputEnum.Dtmf], finishOnKey: "#", timeout: 8, action: Url(CallRoutes.Ticket), method: HttpMethod.Post);
        gather.Say((sorry is null ? "" : sorry + " ") + Texts.TicketPrompt, language: Texts.SayLanguage);
        return new VoiceResponse().Append(gather).Redirect(Url(CallRoutes.Incoming), HttpMethod.Post);
    }

    /// <summary>Queues the caller in Twilio's queue; the wait URL keeps them informed, the action URL hears when they leave it.</summary>
    public VoiceResponse Enqueue(VoiceResponse response) =>
        response.Enqueue(QueueName, action: Url(CallRoutes.QueueResult), method: HttpMethod.Post, waitUrl: Url(CallRoutes.Wait), waitUrlMethod: HttpMethod.Post);

    /// <summary>What a waiting caller hears, again and again: their place, then music; any key leaves the queue.</summary>
    public VoiceResponse Wait(string place)
    {
        var response = Say(new VoiceResponse(), place);
        var gather = new Gather(input: [Gather.InputEnum.Dtmf], numDigits: 1, timeout: 1, action: Url(CallRoutes.LeaveQueue), method: HttpMethod.Post);
        gather.Say(Texts.LeaveQueueHint, language: Texts.SayLanguage);
        if (!string.IsNullOrWhiteSpace(Settings.HoldMusicUrl))
        {
            gather.Play(new Uri(Settings.HoldMusicUrl));
        }
        else
        {
            gather.Pause(length: 10);
        }

        return response.Append(gather);
    }

    /// <summary>1: voicemail, 2: a callback; said again until the caller chooses.</summary>
    public VoiceResponse MessageMenu(VoiceResponse response)
    {
        var gather = new Gather(input: [Gather.InputEnum.Dtmf], numDigits: 1, action: Url(CallRoutes.Message), method: HttpMethod.Post);
        gather.Say(Texts.MessageMenu, language: Texts.SayLanguage);
        return response.Append(gather).Redirect(Url(CallRoutes.MessageMenu), HttpMethod.Post);
    }

    /// <summary>Records a voicemail (transcribed by Twilio), up to <c>VoicemailMaxSeconds</c>.</summary>
    public VoiceResponse RecordVoicemail() =>
        Say(new VoiceResponse(), Texts.RecordPrompt).Record(
            action: Url(CallRoutes.Voicemail),
            method: HttpMethod.Post,
            maxLength: Settings.VoicemailMaxSeconds,
            finishOnKey: "#",
            playBeep: true,
            transcribe: true,
            transcribeCallback: Url(CallRoutes.VoicemailTranscription));

    /// <summary>Hold music (or a pause) for a caller on hold, again and again until the agent takes them back.</summary>
    public VoiceResponse HoldLoop()
    {
        var response = new VoiceResponse();
        if (!string.IsNullOrWhiteSpace(Settings.HoldMusicUrl))
        {
            response.Play(new Uri(Settings.HoldMusicUrl));
        }
        else
        {
            response.Pause(length: 20);
        }

        return response.Redirect(Url(CallRoutes.Hold), HttpMethod.Post);
    }

    /// <summary>Puts the caller through to the agent's browser (or phone), transcribed and recorded as configured; Dial's action hears whether the agent answered.</summary>
    public VoiceResponse Connect(Conversation conversation, Agent agent)
    {
        var response = new VoiceResponse();
        if (Settings.Transcribe)
        {
            var start = new Start();
            start.Transcription(
                name: TranscriptionName,
                track: Transcription.TrackEnum.BothTracks,
                statusCallbackUrl: Url(CallRoutes.Transcription).ToString(),
                languageCode: Texts.LanguageCode);
            response.Append(start);
        }

        var dial = Settings.RecordCalls
            ? new Dial(
                action: Url(CallRoutes.DialResult),
                method: HttpMethod.Post,
                timeout: Settings.AgentRingSeconds,
                callerId: Settings.CallerId,
                record: Dial.RecordEnum.RecordFromAnswerDual,
                recordingStatusCallback: Url(CallRoutes.Recording))
            : new Dial(action: Url(CallRoutes.DialResult), method: HttpMethod.Post, timeout: Settings.AgentRingSeconds, callerId: Settings.CallerId);
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

        return response.Append(dial);
    }

    /// <summary>From an agent back into the queue (a cold transfer), telling the caller why.</summary>
    public VoiceResponse ReturnToQueue(int level) => Enqueue(Say(StopTranscription(), Texts.PassedOn(level)));

    public VoiceResponse OnHold() => Say(StopTranscription(), Texts.OnHold).Redirect(Url(CallRoutes.Hold), HttpMethod.Post);

    /// <summary>The caller into a conference of their own (a warm transfer); the conference ends when they leave.</summary>
    public static VoiceResponse Conference(string name)
    {
        var dial = new Dial();
        dial.Conference(name, beep: global::Twilio.TwiML.Voice.Conference.BeepEnum.False, startConferenceOnEnter: true, endConferenceOnExit: true, participantLabel: "caller");
        return new VoiceResponse().Append(dial);
    }

    /// <summary>The console's browser phone calls a customer back, from <c>CallerId</c>.</summary>
    public VoiceResponse CallBack(string number)
    {
        var dial = new Dial(callerId: Settings.CallerId);
        dial.Number(new PhoneNumber(number));
        return new VoiceResponse().Append(dial);
    }

    private static VoiceResponse StopTranscription()
    {
        var stop = new Stop();
        stop.Transcription(name: TranscriptionName);
        return new VoiceResponse().Append(stop);
    }

    private Uri Url(string webhook) => CallRoutes.Url(Settings, webhook);
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Infrastructure.Auth;
using SupportHub.Server.Infrastructure.Validation;
using Twilio.Jwt.AccessToken;
using Twilio.TwiML;
using Dial = Twilio.TwiML.Voice.Dial;
using Gather = Twilio.TwiML.Voice.Gather;
using Leave = Twilio.TwiML.Voice.Leave;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// Twilio's voice webhooks (form-encoded, signed, validated) and the console's Voice SDK token. The
/// caller's path: incoming (menu) → menu (topic, or * for a ticket number) → Enqueue with wait
/// (position, estimate, any key to leave) → an agent accepts (TwilioCallBridge). Nobody there, or a
/// key pressed while waiting: voicemail or callback, which become a task of the ticket.
/// </summary>
public static class VoiceEndpoints
{
    public const string WebhookPath = "/twilio/voice";
    public const string QueueName = "hub-voice";

    public static IEndpointRouteBuilder MapCalls(this IEndpointRouteBuilder app)
    {
        var twilio = app.ServiceProvider.GetRequiredService<IOptions<TwilioOptions>>().Value;
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(VoiceEndpoints).FullName!);
        var voiceUrl = twilio.PublicUrl(WebhookPath + "/incoming");
        if (twilio.IsEnabled)
        {
            VoiceLog.VoiceOn(logger, voiceUrl);
        }
        else
        {
            VoiceLog.VoiceOff(logger);
        }

        var hooks = app.MapGroup(WebhookPath).AddEndpointFilter<TwilioSignatureFilter>().WithValidation().ExcludeFromDescription();
        hooks.MapPost("/incoming", Incoming);
        hooks.MapPost("/menu", MenuAsync);
        hooks.MapPost("/ticket", TicketAsync);
        hooks.MapPost("/wait", WaitAsync);
        hooks.MapPost("/leave-queue", LeaveQueueAsync);
        hooks.MapPost("/queue-result", QueueResultAsync);
        hooks.MapPost("/message-menu", MessageMenuAsync);
        hooks.MapPost("/message", MessageAsync);
        hooks.MapPost("/voicemail", VoicemailAsync);
        hooks.MapPost("/voicemail-transcription", VoicemailTranscriptionAsync);
        hooks.MapPost("/transcription", TranscriptionAsync);
        hooks.MapPost("/recording", RecordingAsync);
        hooks.MapPost("/hold", Hold);
        hooks.MapPost("/status", StatusAsync);
        hooks.MapPost("/outgoing", OutgoingAsync);
        hooks.MapPost("/dial-result", DialResultAsync);
        app.MapGet("/api/voice/token", Token).RequireAuthorization(HubPolicies.Staff);
        return app;
    }

    /// <summary>Queues the caller in Twilio's queue; the wait URL keeps them informed, the action URL hears when they leave it.</summary>
    internal static void AppendEnqueue(VoiceResponse response, TwilioOptions options) =>
        response.Enqueue(
            QueueName,
            action: new Uri(options.PublicUrl(WebhookPath + "/queue-result")),
            method: Twilio.Http.HttpMethod.Post,
            waitUrl: new Uri(options.PublicUrl(WebhookPath + "/wait")),
            waitUrlMethod: Twilio.Http.HttpMethod.Post);

    private static ContentHttpResult Incoming(VoiceWebhook hook, IOptions<TwilioOptions> options) => Twiml(Menu(options.Value, retry: false));

    private static async Task<IResult> MenuAsync(VoiceWebhook hook, VoiceCalls calls, RoutingGateway queue, IOptions<TwilioOptions> options, CancellationToken ct)
    {
        var twilio = options.Value;
        var texts = VoiceTexts.For(twilio.Language);
        if (hook.Digits?.Trim() == "*")
        {
            return Twiml(TicketPrompt(twilio, null));
        }

        var topic = TopicOf(hook.Digits, hook.SpeechResult);
        return topic is null
            ? Twiml(Menu(twilio, retry: true))
            : await StartAsync(hook, calls, queue, twilio, topic, null, texts.PleaseHold, ct);
    }

    private static async Task<IResult> TicketAsync(VoiceWebhook hook, VoiceCalls calls, RoutingGateway queue, IOptions<TwilioOptions> options, CancellationToken ct)
    {
        var twilio = options.Value;
        var texts = VoiceTexts.For(twilio.Language);
        var digits = hook.Digits?.Trim('#', ' ') ?? "";
        if (digits.Length == 0)
        {
            return Twiml(Menu(twilio, retry: true));
        }

        var ticket = await calls.FindOpenTicketAsync(digits, ct);
        return ticket is null
            ? Twiml(TicketPrompt(twilio, texts.TicketUnknown(VoiceTexts.Digits(long.TryParse(digits, out var n) ? n : 0))))
            : await StartAsync(hook, calls, queue, twilio, null, ticket, texts.TicketFound(VoiceTexts.Digits(ticket.Number)), ct);
    }

    /// <summary>The call becomes a conversation; it waits in the queue, or, with nobody to answer, is offered voicemail or a callback.</summary>
    private static async Task<IResult> StartAsync(
        VoiceWebhook hook, VoiceCalls calls, RoutingGateway queue, TwilioOptions twilio, string? topic, Tickets.Ticket? ticket, string greeting, CancellationToken ct)
    {
        var texts = VoiceTexts.For(twilio.Language);
        var availability = await queue.AvailabilityAsync();
        var call = await calls.StartAsync(hook.CallSid, hook.From, topic, ticket, queueNow: availability.CanAnswer, ct);
        var response = new VoiceResponse();
        if (!availability.CanAnswer && call.Status == ConversationStatus.Waiting)
        {
            response.Say(availability.Reason == RoutingAvailability.OutsideHours ? texts.OutsideHours : texts.NobodyAvailable, language: texts.SayLanguage);
            return Twiml(MessageMenu(twilio, response));
        }

        response.Say(greeting, language: texts.SayLanguage);
        AppendEnqueue(response, twilio);
        return Twiml(response);
    }

    private static async Task<IResult> WaitAsync(VoiceWebhook hook, VoiceCalls calls, IOptions<TwilioOptions> options)
    {
        var twilio = options.Value;
        var texts = VoiceTexts.For(twilio.Language);
        var place = await calls.PositionAsync(hook.CallSid);
        var response = new VoiceResponse();
        response.Say(
            place is { } p ? texts.Position(p.Position) + (p.EstimatedMinutes is { } m ? " " + texts.EstimatedWait(m) : "") : texts.Connecting,
            language: texts.SayLanguage);
        var gather = new Gather(
            input: [Gather.InputEnum.Dtmf], numDigits: 1, timeout: 1, action: new Uri(twilio.PublicUrl(WebhookPath + "/leave-queue")), method: Twilio.Http.HttpMethod.Post);
        gather.Say(texts.LeaveQueueHint, language: texts.SayLanguage);
        if (!string.IsNullOrWhiteSpace(twilio.HoldMusicUrl))
        {
            gather.Play(new Uri(twilio.HoldMusicUrl));
        }
        else
        {
            gather.Pause(length: 10);
        }

        response.Append(gather);
        return Twiml(response);
    }

    /// <summary>A key pressed while waiting: the call leaves the router's queue and Twilio's (Enqueue's action then offers the choices).</summary>
    private static async Task<IResult> LeaveQueueAsync(VoiceWebhook hook, VoiceCalls calls, CancellationToken ct)
    {
        if (await calls.FindAsync(hook.CallSid, ct) is not { } call)
        {
            return UnknownCall(hook.CallSid);
        }

        if (call.Status == ConversationStatus.Waiting)
        {
            await calls.LeaveQueueAsync(call);
        }

        return Twiml(new VoiceResponse().Append(new Leave()));
    }

    private static async Task<IResult> QueueResultAsync(VoiceWebhook hook, VoiceCalls calls, IOptions<TwilioOptions> options, CancellationToken ct)
    {
        if (await calls.FindAsync(hook.CallSid, ct) is not { } call)
        {
            return UnknownCall(hook.CallSid);
        }

        return hook.QueueResult == "leave" && call.Status == ConversationStatus.Waiting
            ? Twiml(MessageMenu(options.Value, new VoiceResponse()))
            : Twiml(new VoiceResponse()); // bridged, hung up or redirected: the status callback has the rest
    }

    private static async Task<IResult> MessageMenuAsync(VoiceWebhook hook, VoiceCalls calls, IOptions<TwilioOptions> options, CancellationToken ct) =>
        await calls.FindAsync(hook.CallSid, ct) is null ? UnknownCall(hook.CallSid) : Twiml(MessageMenu(options.Value, new VoiceResponse()));

    /// <summary>1: voicemail (recorded, transcribed); 2: a callback to the caller's number. Both become a task of the ticket.</summary>
    private static async Task<IResult> MessageAsync(VoiceWebhook hook, VoiceCalls calls, IOptions<TwilioOptions> options, CancellationToken ct)
    {
        var twilio = options.Value;
        var texts = VoiceTexts.For(twilio.Language);
        if (await calls.FindAsync(hook.CallSid, ct) is not { } call)
        {
            return UnknownCall(hook.CallSid);
        }

        var response = new VoiceResponse();
        switch (hook.Digits?.Trim())
        {
            case "1":
                response.Say(texts.RecordPrompt, language: texts.SayLanguage);
                response.Record(
                    action: new Uri(twilio.PublicUrl(WebhookPath + "/voicemail")),
                    method: Twilio.Http.HttpMethod.Post,
                    maxLength: twilio.VoicemailMaxSeconds,
                    finishOnKey: "#",
                    playBeep: true,
                    transcribe: true,
                    transcribeCallback: new Uri(twilio.PublicUrl(WebhookPath + "/voicemail-transcription")));
                return Twiml(response);
            case "2":
                var followUp = await calls.FollowUpAsync(call, $"Callback requested: please call {hook.From} back.", ct);
                response.Say(texts.CallbackSaved(VoiceTexts.Digits(followUp.TicketNumber)), language: texts.SayLanguage);
                response.Hangup();
                return Twiml(response);
            default:
                return Twiml(MessageMenu(twilio, response));
        }
    }

    private static async Task<IResult> VoicemailAsync(VoiceWebhook hook, VoiceCalls calls, IOptions<TwilioOptions> options, CancellationToken ct)
    {
        var texts = VoiceTexts.For(options.Value.Language);
        if (await calls.FindAsync(hook.CallSid, ct) is not { } call)
        {
            return UnknownCall(hook.CallSid);
        }

        var seconds = VoiceWebhook.Seconds(hook.RecordingDuration) ?? 0;
        var request = string.IsNullOrEmpty(hook.RecordingUrl) || seconds <= 0
            ? $"The voicemail was empty: please call {hook.From} back."
            : $"Voicemail from {hook.From} ({seconds} s): {hook.RecordingUrl}";
        var followUp = await calls.FollowUpAsync(call, request, ct);
        var response = new VoiceResponse();
        response.Say(texts.VoicemailSaved(VoiceTexts.Digits(followUp.TicketNumber)), language: texts.SayLanguage);
        response.Hangup();
        return Twiml(response);
    }

    private static async Task<IResult> VoicemailTranscriptionAsync(VoiceWebhook hook, VoiceCalls calls, CancellationToken ct)
    {
        if (await calls.FindFollowUpAsync(hook.CallSid, ct) is not { } followUp)
        {
            return UnknownCall(hook.CallSid);
        }

        if (hook.TranscriptionStatus == "completed" && !string.IsNullOrWhiteSpace(hook.TranscriptionText))
        {
            await calls.AppendTranscriptAsync(followUp, caller: true, $"vm-{hook.TranscriptionSid ?? hook.RecordingSid}", hook.TranscriptionText.Trim(), ct);
        }
        else
        {
            await calls.NoteAsync(followUp, "The voicemail could not be transcribed; listen to the recording.", ct);
        }

        return TypedResults.NoContent();
    }

    private static async Task<IResult> TranscriptionAsync(VoiceWebhook hook, VoiceCalls calls, VoiceTranscripts transcripts, CancellationToken ct)
    {
        if (await calls.FindAsync(hook.CallSid, ct) is not { } call)
        {
            return UnknownCall(hook.CallSid);
        }

        await transcripts.ReceiveAsync(call, hook, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RecordingAsync(VoiceWebhook hook, VoiceCalls calls, CancellationToken ct)
    {
        if (await calls.FindAsync(hook.CallSid, ct) is not { } call)
        {
            return UnknownCall(hook.CallSid);
        }

        if (hook.RecordingStatus == "completed" && !string.IsNullOrEmpty(hook.RecordingUrl))
        {
            await calls.NoteAsync(call, $"Recording of the call ({VoiceWebhook.Seconds(hook.RecordingDuration) ?? 0} s): {hook.RecordingUrl}", ct);
        }

        return TypedResults.NoContent();
    }

    /// <summary>Hold music (or a pause) for a caller on hold, again and again until the agent takes them back.</summary>
    private static ContentHttpResult Hold(VoiceWebhook hook, IOptions<TwilioOptions> options)
    {
        var twilio = options.Value;
        var response = new VoiceResponse();
        if (!string.IsNullOrWhiteSpace(twilio.HoldMusicUrl))
        {
            response.Play(new Uri(twilio.HoldMusicUrl));
        }
        else
        {
            response.Pause(length: 20);
        }

        response.Redirect(new Uri(twilio.PublicUrl(WebhookPath + "/hold")), Twilio.Http.HttpMethod.Post);
        return Twiml(response);
    }

    /// <summary>
    /// Dial's action: the agent's leg ended. Answered and over: the call ends. Not answered (the
    /// browser was closed, the phone busy): the agent is set away, so the call is not offered to
    /// them again at once, and the caller goes back to the queue, first in line.
    /// </summary>
    private static async Task<IResult> DialResultAsync(
        VoiceWebhook hook, VoiceCalls calls, HandoffService handoff, PresenceService presence, IOptions<TwilioOptions> options, CancellationToken ct)
    {
        var twilio = options.Value;
        var texts = VoiceTexts.For(twilio.Language);
        if (await calls.FindAsync(hook.CallSid, ct) is not { } call)
        {
            return UnknownCall(hook.CallSid);
        }

        var response = new VoiceResponse();
        if (hook.DialCallStatus is "no-answer" or "busy" or "failed" or "canceled" && call is { Status: ConversationStatus.Active, AssignedAgentId: { } agentId })
        {
            await presence.SetStatusAsync(agentId, PresenceStatus.Away); // first, so that the call is not offered to them again
            if (await handoff.RequeueFromLostAgentAsync(call.Id, agentId, moveCaller: false, ct))
            {
                response.Say(texts.AgentMissed, language: texts.SayLanguage);
                AppendEnqueue(response, twilio);
                return Twiml(response);
            }
        }

        response.Hangup();
        return Twiml(response);
    }

    private static async Task<IResult> StatusAsync(VoiceWebhook hook, VoiceCalls calls, CancellationToken ct)
    {
        if (await calls.FindAsync(hook.CallSid, ct) is not { } conversation)
        {
            return UnknownCall(hook.CallSid);
        }

        if (VoiceCalls.IsFinal(hook.CallStatus))
        {
            await calls.EndAsync(conversation, hook.CallStatus, ct);
        }

        return TypedResults.NoContent();
    }

    /// <summary>
    /// The TwiML app's voice URL: a call the console's browser phone places. Only a callback: the agent
    /// holds the voice task named by <c>ConversationId</c>, and the call goes to that customer's number
    /// (never to a number the browser names), from <c>Hub:Twilio:CallerId</c>.
    /// </summary>
    private static async Task<IResult> OutgoingAsync(
        VoiceWebhook hook, IConversationStore conversations, VoiceCalls calls, IOptions<TwilioOptions> options, CancellationToken ct)
    {
        var twilio = options.Value;
        var agentId = hook.From.StartsWith("client:", StringComparison.Ordinal) ? hook.From["client:".Length..] : null;
        var conversation = string.IsNullOrEmpty(hook.ConversationId) ? null : await conversations.GetAsync(hook.ConversationId, ct);
        if (agentId is null || conversation is null)
        {
            return TypedResults.Problem("Only a callback from the console's browser phone, naming its conversation, can be placed.", statusCode: StatusCodes.Status404NotFound);
        }

        if (conversation.AssignedAgentId != agentId || !conversation.IsOpen || conversation.Channel != Channel.Voice || VoiceCalls.PhoneNumberOf(conversation) is not { } number)
        {
            return TypedResults.Problem($"Conversation '{conversation.Id}' is no open phone task of this agent.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (string.IsNullOrWhiteSpace(twilio.CallerId))
        {
            return TypedResults.Problem("Set Hub:Twilio:CallerId (a number of your Twilio account) to call customers back.", statusCode: StatusCodes.Status409Conflict);
        }

        await calls.NoteAsync(conversation, $"Calling {number} back.", ct);
        var dial = new Dial(callerId: twilio.CallerId);
        dial.Number(new Twilio.Types.PhoneNumber(number));
        return Twiml(new VoiceResponse().Append(dial));
    }

    private static IResult Token(ClaimsPrincipal user, IOptions<TwilioOptions> options)
    {
        var twilio = options.Value;
        var agentId = user.FindFirstValue(HubClaims.Subject);
        if (!twilio.CanIssueTokens || agentId is null)
        {
            return TypedResults.Problem("voice not configured", statusCode: StatusCodes.Status404NotFound);
        }

        var grant = new VoiceGrant { OutgoingApplicationSid = twilio.TwimlAppSid, IncomingAllow = true };
        var token = new Token(twilio.AccountSid, twilio.ApiKeySid, twilio.ApiKeySecret, identity: agentId, grants: new HashSet<IGrant> { grant });
        return TypedResults.Ok(new VoiceTokenDto(agentId, token.ToJwt()));
    }

    internal static string? TopicOf(string? digits, string? speech)
    {
        switch (digits?.Trim())
        {
            case "1":
                return "billing";
            case "2":
                return "technical";
        }

        var said = speech?.ToUpperInvariant() ?? "";
        return said switch
        {
            _ when said.Contains("BILL", StringComparison.Ordinal) || said.Contains("RECHNUNG", StringComparison.Ordinal) || said.Contains("INVOICE", StringComparison.Ordinal) => "billing",
            _ when said.Contains("TECH", StringComparison.Ordinal) => "technical",
            _ => null,
        };
    }

    private static ProblemHttpResult UnknownCall(string callSid) =>
        TypedResults.Problem($"No call '{callSid}' is known here.", statusCode: StatusCodes.Status404NotFound);

    private static VoiceResponse Menu(TwilioOptions options, bool retry)
    {
        var texts = VoiceTexts.For(options.Language);
        var response = new VoiceResponse();
        var gather = new Gather(
            input: [Gather.InputEnum.Dtmf, Gather.InputEnum.Speech],
            numDigits: 1,
            action: new Uri(options.PublicUrl(WebhookPath + "/menu")),
            method: Twilio.Http.HttpMethod.Post,
            language: texts.GatherLanguage,
            hints: texts.Hints);
        gather.Say((retry ? texts.Sorry + " " : texts.Welcome + " ") + texts.Menu, language: texts.SayLanguage);
        response.Append(gather);
        response.Redirect(new Uri(options.PublicUrl(WebhookPath + "/incoming")), Twilio.Http.HttpMethod.Post);
        return response;
    }

    private static VoiceResponse TicketPrompt(TwilioOptions options, string? sorry)
    {
        var texts = VoiceTexts.For(options.Language);
        var response = new VoiceResponse();
        var gather = new Gather(
            input: [Gather.InputEnum.Dtmf],
            finishOnKey: "#",
            timeout: 8,
            action: new Uri(options.PublicUrl(WebhookPath + "/ticket")),
            method: Twilio.Http.HttpMethod.Post);
        gather.Say((sorry is null ? "" : sorry + " ") + texts.TicketPrompt, language: texts.SayLanguage);
        response.Append(gather);
        response.Redirect(new Uri(options.PublicUrl(WebhookPath + "/incoming")), Twilio.Http.HttpMethod.Post);
        return response;
    }

    private static VoiceResponse MessageMenu(TwilioOptions options, VoiceResponse response)
    {
        var texts = VoiceTexts.For(options.Language);
        var gather = new Gather(
            input: [Gather.InputEnum.Dtmf], numDigits: 1, action: new Uri(options.PublicUrl(WebhookPath + "/message")), method: Twilio.Http.HttpMethod.Post);
        gather.Say(texts.MessageMenu, language: texts.SayLanguage);
        response.Append(gather);
        response.Redirect(new Uri(options.PublicUrl(WebhookPath + "/message-menu")), Twilio.Http.HttpMethod.Post);
        return response;
    }

    private static ContentHttpResult Twiml(VoiceResponse response) => TypedResults.Content(response.ToString(System.Xml.Linq.SaveOptions.DisableFormatting), "application/xml");

    public sealed record VoiceTokenDto(string Identity, string Token);
}

internal static partial class VoiceLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Voice calls are on; Twilio's voice URL is {VoiceUrl}")]
    public static partial void VoiceOn(ILogger logger, string voiceUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice calls are off: Hub:Twilio:AuthToken or Hub:Twilio:PublicBaseUrl is empty")]
    public static partial void VoiceOff(ILogger logger);
}

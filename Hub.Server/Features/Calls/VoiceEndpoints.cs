using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SupportHub.Server.Infrastructure.Auth;
using Twilio.Jwt.AccessToken;
using Twilio.TwiML;
using Gather = Twilio.TwiML.Voice.Gather;
using Say = Twilio.TwiML.Voice.Say;

namespace SupportHub.Server.Features.Calls;

/// <summary>Twilio's voice webhooks (form-encoded, signed) and the console's Voice SDK token.</summary>
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

        var hooks = app.MapGroup(WebhookPath).AddEndpointFilter<TwilioSignatureFilter>().ExcludeFromDescription();
        hooks.MapPost("/incoming", Incoming);
        hooks.MapPost("/menu", MenuAsync);
        hooks.MapPost("/wait", WaitAsync);
        hooks.MapPost("/status", StatusAsync);
        app.MapGet("/api/voice/token", Token).RequireAuthorization(HubPolicies.Staff);
        return app;
    }

    private static ContentHttpResult Incoming(IOptions<TwilioOptions> options) => Twiml(Menu(options.Value, retry: false));

    private static async Task<IResult> MenuAsync(HttpRequest request, VoiceCalls calls, IOptions<TwilioOptions> options, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        var callSid = form["CallSid"].ToString();
        if (string.IsNullOrWhiteSpace(callSid))
        {
            return TypedResults.Problem("CallSid is required.", statusCode: StatusCodes.Status400BadRequest);
        }

        var texts = VoiceTexts.For(options.Value.Language);
        var topic = TopicOf(form["Digits"].ToString(), form["SpeechResult"].ToString());
        if (topic is null)
        {
            return Twiml(Menu(options.Value, retry: true));
        }

        await calls.StartAsync(callSid, form["From"].ToString(), topic, ct);
        var response = new VoiceResponse();
        response.Say(texts.PleaseHold, language: texts.SayLanguage);
        response.Enqueue(QueueName, waitUrl: new Uri(options.Value.PublicUrl(WebhookPath + "/wait")), waitUrlMethod: Twilio.Http.HttpMethod.Post);
        return Twiml(response);
    }

    private static async Task<IResult> WaitAsync(HttpRequest request, VoiceCalls calls, IOptions<TwilioOptions> options, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        var texts = VoiceTexts.For(options.Value.Language);
        var position = await calls.PositionAsync(form["CallSid"].ToString());
        var response = new VoiceResponse();
        response.Say(position is { } p ? texts.Position(p) : texts.Connecting, language: texts.SayLanguage);
        if (!string.IsNullOrWhiteSpace(options.Value.HoldMusicUrl))
        {
            response.Play(new Uri(options.Value.HoldMusicUrl));
        }
        else
        {
            response.Pause(length: 10);
        }

        return Twiml(response);
    }

    private static async Task<IResult> StatusAsync(HttpRequest request, VoiceCalls calls, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        var callSid = form["CallSid"].ToString();
        if (await calls.FindAsync(callSid, ct) is not { } conversation)
        {
            return TypedResults.Problem($"No call '{callSid}' is known here.", statusCode: StatusCodes.Status404NotFound);
        }

        var status = form["CallStatus"].ToString();
        if (VoiceCalls.IsFinal(status))
        {
            await calls.EndAsync(conversation, status, ct);
        }

        return TypedResults.NoContent();
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

    private static ContentHttpResult Twiml(VoiceResponse response) => TypedResults.Content(response.ToString(), "application/xml");

    public sealed record VoiceTokenDto(string Identity, string Token);
}

internal static partial class VoiceLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Voice calls are on; Twilio's voice URL is {VoiceUrl}")]
    public static partial void VoiceOn(ILogger logger, string voiceUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice calls are off: Hub:Twilio:AuthToken or Hub:Twilio:PublicBaseUrl is empty")]
    public static partial void VoiceOff(ILogger logger);
}

/// <summary>What the phone menu says, in English or German.</summary>
internal sealed record VoiceTexts(
    Say.LanguageEnum SayLanguage, Gather.LanguageEnum GatherLanguage, string Hints, string Welcome, string Sorry, string Menu, string PleaseHold, string Connecting,
    Func<int, string> Position)
{
    private static readonly VoiceTexts English = new(
        Say.LanguageEnum.EnUs,
        Gather.LanguageEnum.EnUs,
        "billing, technical",
        "Welcome to support.",
        "Sorry, I did not get that.",
        "For billing, press 1 or say billing. For technical questions, press 2 or say technical.",
        "Thank you. Please hold, we connect you with the next free agent.",
        "Connecting you now.",
        p => p == 1 ? "You are next in line." : $"You are number {p} in line.");

    private static readonly VoiceTexts German = new(
        Say.LanguageEnum.DeDe,
        Gather.LanguageEnum.DeDe,
        "Rechnung, Technik",
        "Willkommen beim Support.",
        "Entschuldigung, das habe ich nicht verstanden.",
        "Für Fragen zur Rechnung drücken Sie die 1 oder sagen Sie Rechnung. Für technische Fragen drücken Sie die 2 oder sagen Sie Technik.",
        "Danke. Bitte bleiben Sie dran, wir verbinden Sie mit dem nächsten freien Mitarbeiter.",
        "Sie werden jetzt verbunden.",
        p => p == 1 ? "Sie sind als Nächstes an der Reihe." : $"Sie sind an Position {p} in der Warteschlange.");

    public static VoiceTexts For(string? language) =>
        language is not null && language.StartsWith("de", StringComparison.OrdinalIgnoreCase) ? German : English;
}

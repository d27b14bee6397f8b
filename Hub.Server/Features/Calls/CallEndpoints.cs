using System.Security.Claims;
using Microsoft.Extensions.Options;
using SupportHub.Server.Infrastructure.Auth;
using SupportHub.Server.Infrastructure.Validation;
using Twilio.Jwt.AccessToken;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// Twilio's voice webhooks (form-encoded, signed, validated, the call loaded) and the console's Voice
/// SDK token, mapped from <see cref="CallRoutes"/>. The caller's path, one class per phase:
/// <see cref="MenuWebhooks"/> (menu, ticket number) → <see cref="QueueWebhooks"/> (Enqueue with wait:
/// position, estimate, any key to leave) → an agent accepts (<see cref="TwilioCallBridge"/>) →
/// <see cref="ConnectWebhooks"/> (dial result, hold). Nobody there, or a key pressed while waiting:
/// <see cref="FollowUpWebhooks"/> (voicemail or callback, a task of the ticket). Throughout:
/// <see cref="CallEventWebhooks"/> (transcription, recording, status). The browser phone's calls:
/// <see cref="OutgoingWebhooks"/>.
/// </summary>
public static class CallEndpoints
{
    public static IEndpointRouteBuilder MapCalls(this IEndpointRouteBuilder app)
    {
        var twilio = app.ServiceProvider.GetRequiredService<IOptions<TwilioOptions>>().Value;
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CallEndpoints).FullName!);
        var voiceUrl = CallRoutes.PublicUrl(twilio, CallRoutes.Incoming);
        if (twilio.IsEnabled)
        {
            CallLog.VoiceOn(logger, voiceUrl);
        }
        else
        {
            CallLog.VoiceOff(logger);
        }

        var hooks = app.MapGroup(CallRoutes.Webhooks)
            .AddEndpointFilter<TwilioSignatureFilter>().WithValidation().AddEndpointFilter<KnownCallFilter>().ExcludeFromDescription();
        hooks.MapPost(CallRoutes.Incoming, MenuWebhooks.Incoming);
        hooks.MapPost(CallRoutes.Menu, MenuWebhooks.MenuAsync);
        hooks.MapPost(CallRoutes.Ticket, MenuWebhooks.TicketAsync);
        hooks.MapPost(CallRoutes.Wait, QueueWebhooks.WaitAsync);
        hooks.MapPost(CallRoutes.LeaveQueue, QueueWebhooks.LeaveQueueAsync);
        hooks.MapPost(CallRoutes.QueueResult, QueueWebhooks.QueueResultAsync);
        hooks.MapPost(CallRoutes.DialResult, ConnectWebhooks.DialResultAsync);
        hooks.MapPost(CallRoutes.Hold, ConnectWebhooks.Hold);
        hooks.MapPost(CallRoutes.MessageMenu, FollowUpWebhooks.MessageMenu);
        hooks.MapPost(CallRoutes.Message, FollowUpWebhooks.MessageAsync);
        hooks.MapPost(CallRoutes.Voicemail, FollowUpWebhooks.VoicemailAsync);
        hooks.MapPost(CallRoutes.VoicemailTranscription, FollowUpWebhooks.VoicemailTranscriptionAsync);
        hooks.MapPost(CallRoutes.Transcription, CallEventWebhooks.TranscriptionAsync);
        hooks.MapPost(CallRoutes.Recording, CallEventWebhooks.RecordingAsync);
        hooks.MapPost(CallRoutes.Status, CallEventWebhooks.StatusAsync);
        hooks.MapPost(CallRoutes.Outgoing, OutgoingWebhooks.OutgoingAsync);
        app.MapGet(CallRoutes.Token, Token).RequireAuthorization(HubPolicies.Staff);
        return app;
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

    public sealed record VoiceTokenDto(string Identity, string Token);
}

internal static partial class CallLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Voice calls are on; Twilio's voice URL is {VoiceUrl}")]
    public static partial void VoiceOn(ILogger logger, string voiceUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice calls are off: Hub:Twilio:AuthToken or Hub:Twilio:PublicBaseUrl is empty")]
    public static partial void VoiceOff(ILogger logger);
}

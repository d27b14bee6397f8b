using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.TwiML;
using Twilio.Types;
using Dial = Twilio.TwiML.Voice.Dial;

namespace SupportHub.Server.Features.Calls;

/// <summary>Redirects the caller's live call (out of the queue) to the agent's browser client.</summary>
internal sealed partial class TwilioVoiceBridge(
    IOptions<TwilioOptions> options, IServiceProvider services, ILogger<TwilioVoiceBridge> logger) : IVoiceBridge
{
    public async Task ConnectAsync(Conversation conversation, Agent agent, CancellationToken ct)
    {
        if (!options.Value.IsEnabled || VoiceCalls.CallSidOf(conversation) is not { } callSid)
        {
            return;
        }

        var dial = new Dial(callerId: options.Value.CallerId);
        dial.Client(agent.Id);
        var twiml = new VoiceResponse().Append(dial).ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
        try
        {
            await CallResource.UpdateAsync(pathSid: callSid, twiml: new Twiml(twiml), client: services.GetRequiredService<ITwilioRestClient>());
        }
        catch (Exception e) when (e is TwilioException or HttpRequestException)
        {
            // The assignment stands: the agent sees the conversation and can call back.
            LogBridgeFailed(logger, e, callSid, agent.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not connect call {CallSid} to agent {AgentId}")]
    private static partial void LogBridgeFailed(ILogger logger, Exception e, string callSid, string agentId);
}

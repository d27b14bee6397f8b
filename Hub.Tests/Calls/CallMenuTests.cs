using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using SupportHub.Server.Features.Calls;
using SupportHub.Server.Features.Chat;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Calls;

/// <summary>The phone menu built from the configured topics, and the webhooks' guard against calls nobody knows.</summary>
public sealed class CallMenuTests
{
    [Fact]
    public async Task ATopicConfiguredThird_IsChosenWithKey3_AndTheMenuSaysSo()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        var settings = Voice.Settings(api.BaseAddress);
        settings["Hub:Routing:Topics:returns"] = "returns";
        settings["Hub:Twilio:MenuTopics:0"] = "billing";
        settings["Hub:Twilio:MenuTopics:1"] = "technical";
        settings["Hub:Twilio:MenuTopics:2"] = "returns";
        await using var server = HubServer.Start(settings: settings);
        var twilio = Voice.Twilio(server);
        var callSid = Voice.NewCallSid();

        var menu = await twilio.TwimlAsync("/twilio/voice/incoming", TwilioWebhooks.Call(callSid, Voice.Caller, "ringing"));
        Assert.Contains(
            "For billing, press 1 or say billing. For technical questions, press 2 or say technical. For returns, press 3 or say returns. If you have a ticket number, press star.",
            menu, StringComparison.Ordinal);
        Assert.Contains("hints=\"billing, technical, returns\"", menu, StringComparison.Ordinal);

        await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", "3")));

        var call = await server.Service<IConversationStore>().GetAsync(CallConversations.LiveId(callSid));
        Assert.Equal(("returns", "returns"), (call!.Topic, call.Skill));
        var unknownKey = await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(Voice.NewCallSid(), Voice.Caller, extra: ("Digits", "4")));
        Assert.Contains("Sorry, I did not get that.", unknownKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWebhookAboutACallNobodyKnows_Is404ProblemDetails_ForTheCallAndForItsFollowUp()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var twilio = Voice.Twilio(server);
        var callSid = Voice.NewCallSid();
        await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", "1")));
        var stranger = Voice.NewCallSid();

        using var recording = await twilio.PostAsync("/twilio/voice/recording", TwilioWebhooks.Call(stranger, Voice.Caller, extra: ("RecordingStatus", "completed")));
        // The call is known, but it left no voicemail or callback task: its transcription has nothing to go to.
        using var transcription = await twilio.PostAsync(
            "/twilio/voice/voicemail-transcription", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("TranscriptionStatus", "completed")));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (recording.StatusCode, transcription.StatusCode));
        var problem = await recording.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("application/problem+json", recording.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"No call '{stranger}' is known here.", problem!.Detail);
        Assert.Empty(api.Requests);
    }
}

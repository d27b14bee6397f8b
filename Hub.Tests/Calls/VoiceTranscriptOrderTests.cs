using System.Net;
using SupportHub.Server.Features.Calls;
using SupportHub.Server.Features.Chat;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Calls;

/// <summary>Live transcription events out of order, repeated, late, stopped early or failed: every final line once, in order; repeated callbacks write nothing twice.</summary>
public sealed class VoiceTranscriptOrderTests
{
    private const string TranscriptionSid = "GT00000000000000000000000000000001";

    [Fact]
    public async Task OutOfOrderRepeatedAndLateLines_AroundAnEarlyStop_AreEachWrittenOnce_InOrder()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var (_, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);
        var (callSid, conversationId) = await twilio.ConnectedCallAsync(api, ada);

        await twilio.CallbackAsync("/twilio/voice/transcription", Event(callSid, 1, LiveTranscription.Started));
        await twilio.CallbackAsync("/twilio/voice/transcription", Line(callSid, 3, "B"));
        await twilio.CallbackAsync("/twilio/voice/transcription", Line(callSid, 2, "A"));
        await twilio.CallbackAsync("/twilio/voice/transcription", Line(callSid, 2, "A")); // repeated
        await twilio.CallbackAsync("/twilio/voice/transcription", Event(callSid, 6, LiveTranscription.Stopped)); // before lines 4 and 5
        await twilio.CallbackAsync("/twilio/voice/transcription", Line(callSid, 5, "D"));
        await twilio.CallbackAsync("/twilio/voice/transcription", Line(callSid, 4, "C"));
        await twilio.CallbackAsync("/twilio/voice/transcription", Line(callSid, 4, "C")); // repeated after it was written

        await ada.Messages.WaitForAsync(m => m.ConversationId == conversationId && m.Text == "D");
        var stored = (await server.Service<IConversationStore>().GetMessagesAsync(conversationId, 0, 100, includePrivateNotes: true))
            .Where(m => m.Kind == MessageKind.Transcript).Select(m => m.Text);
        Assert.Equal(["A", "B", "C", "D"], stored);
    }

    [Fact]
    public async Task ALineHeldForAMissingPredecessor_IsWrittenAfterTheWait_WithoutAnyFurtherCallback_AndAnErrorIsNoted()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var (_, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);
        var (callSid, conversationId) = await twilio.ConnectedCallAsync(api, ada);

        await twilio.CallbackAsync("/twilio/voice/transcription", Event(callSid, 1, LiveTranscription.Started));
        await twilio.CallbackAsync("/twilio/voice/transcription", Line(callSid, 3, "Is anybody there?")); // line 2 never comes

        var held = await ada.Messages.WaitForAsync(m => m.ConversationId == conversationId && m.Text == "Is anybody there?");
        Assert.Equal(MessageKind.Transcript, held.Kind);

        var error = Event(callSid, 4, LiveTranscription.Error);
        error["TranscriptionError"] = "Provider unavailable";
        await twilio.CallbackAsync("/twilio/voice/transcription", error);
        await twilio.CallbackAsync("/twilio/voice/transcription", error); // repeated
        var stored = await server.Service<IConversationStore>().GetMessagesAsync(conversationId, 0, 100, includePrivateNotes: true);
        Assert.Single(stored, m => m.Text == "The live transcription stopped with an error (Provider unavailable); later lines are missing.");
    }

    [Fact]
    public async Task RepeatedRecordingAndVoicemailTranscriptionCallbacks_AddOneNoteEach()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        var settings = Voice.Settings(api.BaseAddress);
        settings["Hub:Twilio:RecordCalls"] = "true";
        await using var server = HubServer.Start(settings: settings);
        var (_, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);
        var (callSid, conversationId) = await twilio.ConnectedCallAsync(api, ada);
        const string recordingUrl = $"https://api.twilio.com/2010-04-01/Accounts/{Voice.AccountSid}/Recordings/RE00000000000000000000000000000001";
        var recording = TwilioWebhooks.Call(
            callSid, Voice.Caller, "completed", ("RecordingSid", "RE00000000000000000000000000000001"), ("RecordingUrl", recordingUrl), ("RecordingStatus", "completed"), ("RecordingDuration", "42"));

        foreach (var _ in Enumerable.Range(0, 3))
        {
            using var response = await PostWithTokenAsync(server, "/twilio/voice/recording", recording, "token-recording-1");
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        var voicemailCall = Voice.NewCallSid();
        await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(voicemailCall, "+4915100000009", extra: ("Digits", "1")));
        await twilio.TwimlAsync("/twilio/voice/voicemail", TwilioWebhooks.Call(voicemailCall, "+4915100000009", extra: [("RecordingUrl", recordingUrl), ("RecordingDuration", "5"), ("Digits", "#")]));
        var failed = TwilioWebhooks.Call(voicemailCall, "+4915100000009", "completed", ("TranscriptionStatus", "failed"));
        foreach (var _ in Enumerable.Range(0, 2))
        {
            using var response = await PostWithTokenAsync(server, "/twilio/voice/voicemail-transcription", failed, "token-transcription-1");
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        var store = server.Service<IConversationStore>();
        Assert.Single(await store.GetMessagesAsync(conversationId, 0, 100, includePrivateNotes: true), m => m.Text.StartsWith("Recording of the call", StringComparison.Ordinal));
        Assert.Single(
            await store.GetMessagesAsync(CallConversations.FollowUpId(voicemailCall), 0, 100, includePrivateNotes: true),
            m => m.Text == "The voicemail could not be transcribed; listen to the recording.");
    }

    /// <summary>As Twilio retries a callback: the same form, signature and I-Twilio-Idempotency-Token.</summary>
    private static async Task<HttpResponseMessage> PostWithTokenAsync(HubServer server, string path, Dictionary<string, string> parameters, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(parameters) };
        request.Headers.Add(TwilioWebhooks.SignatureHeader, TwilioWebhooks.Sign(Voice.AuthToken, Voice.PublicBaseUrl + path, parameters));
        request.Headers.Add("I-Twilio-Idempotency-Token", token);
        return await server.Http.SendAsync(request);
    }

    private static Dictionary<string, string> Event(string callSid, int sequence, string name) =>
        TwilioWebhooks.Call(
            callSid,
            Voice.Caller,
            extra:
            [
                ("TranscriptionSid", TranscriptionSid),
                ("TranscriptionEvent", name),
                ("SequenceId", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Timestamp", DateTimeOffset.UtcNow.ToString("O")),
            ]);

    private static Dictionary<string, string> Line(string callSid, int sequence, string text)
    {
        var parameters = Event(callSid, sequence, LiveTranscription.Content);
        parameters["Track"] = "inbound_track";
        parameters["Final"] = "true";
        parameters["TranscriptionData"] = System.Text.Json.JsonSerializer.Serialize(new { transcript = text, confidence = 0.9 });
        return parameters;
    }
}

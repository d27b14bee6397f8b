using System.Net;
using SupportHub.Server.Features.Calls;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Calls;

/// <summary>Twilio's real-time transcription and recording callbacks become the call's transcript, live in the console.</summary>
public sealed class VoiceTranscriptTests
{
    private const string TranscriptionSid = "GT0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task TranscriptionCallbacks_AppearInOrder_InTheTranscriptAndLiveInTheConsole_EvenWhenTheyOvertakeEachOther()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        var settings = Voice.Settings(api.BaseAddress);
        settings["Hub:Twilio:RecordCalls"] = "true";
        await using var server = HubServer.Start(settings: settings);
        var (_, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);
        var (callSid, conversationId) = await twilio.ConnectedCallAsync(api, ada);
        var bridge = await api.WaitForTwimlAsync(callSid, "<Dial");
        Assert.Contains($"record=\"record-from-answer-dual\" recordingStatusCallback=\"{Voice.PublicBaseUrl}/twilio/voice/recording\"", bridge, StringComparison.Ordinal);

        await twilio.CallbackAsync("/twilio/voice/transcription", Event(callSid, 1, LiveTranscription.Started));
        await twilio.CallbackAsync("/twilio/voice/transcription", Line(callSid, 2, "inbound_track", "Hello, my invoice shows the wrong amount."));
        await twilio.CallbackAsync("/twilio/voice/transcription", Line(callSid, 4, "inbound_track", "Thank you."));
        await twilio.CallbackAsync("/twilio/voice/transcription", Line(callSid, 3, "outbound_track", "Let me look at it."));
        await twilio.CallbackAsync("/twilio/voice/transcription", Line(callSid, 2, "inbound_track", "Hello, my invoice shows the wrong amount.")); // Twilio retried
        await twilio.CallbackAsync("/twilio/voice/transcription", Line(callSid, 5, "outbound_track", "It is fix", final: false));
        await twilio.CallbackAsync("/twilio/voice/transcription", Line(callSid, 6, "outbound_track", "It is fixed now."));
        await twilio.CallbackAsync("/twilio/voice/transcription", Event(callSid, 7, LiveTranscription.Stopped));

        string[] expected = ["Customer: Hello, my invoice shows the wrong amount.", "Agent: Let me look at it.", "Customer: Thank you.", "Agent: It is fixed now."];
        // Twilio's retry of line 2 is sent out again under its seq (a console keys messages by seq).
        await ada.Messages.WaitForAsync(m => m.Kind == MessageKind.Transcript && m.Text == "It is fixed now.");
        var live = ada.Messages.Snapshot().Where(m => m.Kind == MessageKind.Transcript).DistinctBy(m => m.Seq).ToList();
        Assert.Equal(expected, live.Select(m => $"{m.SenderRole}: {m.Text}"));
        Assert.Equal(live.Select(m => m.Seq).Order(), live.Select(m => m.Seq));
        var stored = (await server.Service<IConversationStore>().GetMessagesAsync(conversationId, 0, 100, includePrivateNotes: true))
            .Where(m => m.Kind == MessageKind.Transcript).ToList();
        Assert.Equal(expected, stored.Select(m => $"{m.SenderRole}: {m.Text}"));
        Assert.Equal(["Voice Caller", "Ada", "Voice Caller", "Ada"], stored.Select(m => m.SenderName == Voice.Caller ? "Voice Caller" : m.SenderName));

        const string recordingUrl = $"https://api.twilio.com/2010-04-01/Accounts/{Voice.AccountSid}/Recordings/RE0123456789abcdef0123456789abcdef";
        await twilio.CallbackAsync("/twilio/voice/recording", TwilioWebhooks.Call(
            callSid,
            Voice.Caller,
            "completed",
            ("RecordingSid", "RE0123456789abcdef0123456789abcdef"),
            ("RecordingUrl", recordingUrl),
            ("RecordingStatus", "completed"),
            ("RecordingDuration", "42"),
            ("RecordingChannels", "2"),
            ("RecordingSource", "DialVerb")));
        await ada.Messages.WaitForAsync(m => m.Kind == MessageKind.System && m.Text == $"Recording of the call (42 s): {recordingUrl}");
    }

    [Fact]
    public async Task ATranscriptionLineAfterTheCallEnded_IsStillKept_AndOneForAnUnknownCallIs404()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        await Voice.BusyAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);
        var callSid = Voice.NewCallSid();
        await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", "1")));
        await twilio.CallbackAsync("/twilio/voice/status", TwilioWebhooks.Call(callSid, Voice.Caller, "completed"));

        await twilio.CallbackAsync("/twilio/voice/transcription", Line(callSid, 1, "inbound_track", "Goodbye."));
        using var unknown = await twilio.PostAsync("/twilio/voice/transcription", Line(Voice.NewCallSid(), 1, "inbound_track", "Who am I?"));
        using var broken = await twilio.PostAsync("/twilio/voice/transcription", Line("not-a-call-sid", 1, "inbound_track", "x"));

        var messages = await server.Service<IConversationStore>().GetMessagesAsync(CallConversations.LiveId(callSid), 0, 100, includePrivateNotes: true);
        Assert.Equal("Goodbye.", messages[^1].Text);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("CallSid must be CA followed by 32 hex digits.", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
                ("ProviderName", "Google"),
                ("LanguageCode", "en-US"),
            ]);

    private static Dictionary<string, string> Line(string callSid, int sequence, string track, string text, bool final = true)
    {
        var parameters = Event(callSid, sequence, LiveTranscription.Content);
        parameters["Track"] = track;
        parameters["Final"] = final ? "true" : "false";
        parameters["TranscriptionData"] = System.Text.Json.JsonSerializer.Serialize(new { transcript = text, confidence = 0.93 });
        return parameters;
    }
}

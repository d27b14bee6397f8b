using System.Net;
using SupportHub.Server.Features.Calls;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Calls;

/// <summary>Every value Twilio's docs list for a callback, sent as Twilio sends it: none strands a caller or answers 500.</summary>
public sealed class VoiceCallbackValuesTests
{
    private const string RecordingSid = "RE0123456789abcdef0123456789abcdef";
    private const string RecordingUrl = $"https://api.twilio.com/2010-04-01/Accounts/{Voice.AccountSid}/Recordings/{RecordingSid}";

    [Fact]
    public async Task AVoicemailEndedByHangingUp_IsKeptAsATask_AndItsTranscriptionFindsIt()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var twilio = Voice.Twilio(server);
        var callSid = Voice.NewCallSid();
        await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", "1")));

        // Twilio's <Record> docs: Digits is "the key pressed to end the recording or 'hangup'".
        await twilio.TwimlAsync("/twilio/voice/voicemail", TwilioWebhooks.Call(
            callSid, Voice.Caller, "completed", ("RecordingSid", RecordingSid), ("RecordingUrl", RecordingUrl), ("RecordingDuration", "9"), ("Digits", "hangup")));
        await twilio.CallbackAsync("/twilio/voice/status", TwilioWebhooks.Call(callSid, Voice.Caller, "completed"));
        await twilio.CallbackAsync("/twilio/voice/voicemail-transcription", TwilioWebhooks.Call(
            callSid, Voice.Caller, "completed", ("TranscriptionSid", "TR0123456789abcdef0123456789abcdef"), ("TranscriptionText", "Please call me about invoice 42."),
            ("TranscriptionStatus", "completed"), ("RecordingSid", RecordingSid), ("RecordingUrl", RecordingUrl)));

        var store = server.Service<IConversationStore>();
        var task = await store.GetMessagesAsync(CallConversations.FollowUpId(callSid), 0, 50, includePrivateNotes: true);
        Assert.Equal($"Voicemail from {Voice.Caller} (9 s): {RecordingUrl}", task[0].Text);
        Assert.Contains(task, m => m.Kind == MessageKind.Transcript && m.Text == "Please call me about invoice 42.");
        var call = await store.GetMessagesAsync(CallConversations.LiveId(callSid), 0, 50, includePrivateNotes: true);
        Assert.DoesNotContain(call, m => m.Text.Contains("abandoned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QueueResultHangup_EndsTheCallAtOnceAsAbandoned_WithACallbackTask_AndNobodyIsOfferedTheCallerWhoLeft()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        await Voice.BusyAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);
        var callSid = Voice.NewCallSid();
        var liveId = CallConversations.LiveId(callSid);
        await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", "1")));

        // No status callback follows (none is configured on the number): the action alone must do it.
        await twilio.TwimlAsync("/twilio/voice/queue-result", TwilioWebhooks.Call(callSid, Voice.Caller, "completed", ("QueueResult", "hangup"), ("QueueTime", "31")));

        var store = server.Service<IConversationStore>();
        Assert.Equal(ConversationStatus.Ended, (await store.GetAsync(liveId))!.Status);
        var tasks = await server.Service<IRoutingState>().GetTasksAsync();
        Assert.DoesNotContain(tasks, t => t.ConversationId == liveId);
        var call = await store.GetMessagesAsync(liveId, 0, 50, includePrivateNotes: true);
        Assert.Contains(call, m => m.Text.Contains("without reaching an agent (abandoned, hangup)", StringComparison.Ordinal));
        var followUp = await store.GetMessagesAsync(CallConversations.FollowUpId(callSid), 0, 50, includePrivateNotes: true);
        Assert.Equal($"Abandoned call: please call {Voice.Caller} back.", followUp[0].Text);
        Assert.Contains(tasks, t => t.ConversationId == CallConversations.FollowUpId(callSid));
    }

    [Theory]
    [InlineData("queue-full")]
    [InlineData("system-error")]
    [InlineData("error")]
    public async Task AQueueThatFailed_TellsTheCallerAndOffersVoicemail_AndTheCallIsNoLongerOffered(string queueResult)
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        await Voice.BusyAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);
        var callSid = Voice.NewCallSid();
        await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", "1")));

        var twiml = await twilio.TwimlAsync("/twilio/voice/queue-result", TwilioWebhooks.Call(callSid, Voice.Caller, extra: [("QueueResult", queueResult), ("QueueTime", "0")]));

        Assert.Contains("Sorry, nobody can take your call right now.", twiml, StringComparison.Ordinal);
        Assert.Contains($"action=\"{Voice.PublicBaseUrl}/twilio/voice/message\"", twiml, StringComparison.Ordinal);
        Assert.DoesNotContain(await server.Service<IRoutingState>().GetTasksAsync(), t => t.ConversationId == CallConversations.LiveId(callSid));
    }

    [Theory]
    [InlineData("completed")]
    [InlineData("canceled")]
    [InlineData("ringing")]
    public async Task AStatusCallbackOrQueueResultForACallHubNeverKnew_Is200WithEmptyTwiml(string callStatus)
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var twilio = Voice.Twilio(server);
        var callSid = Voice.NewCallSid(); // hung up in the menu: no conversation

        var status = await twilio.TwimlAsync("/twilio/voice/status", TwilioWebhooks.Call(callSid, Voice.Caller, callStatus));
        var queue = await twilio.TwimlAsync("/twilio/voice/queue-result", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("QueueResult", "hangup")));

        Assert.Equal("<?xml version=\"1.0\" encoding=\"utf-8\"?><Response></Response>", status);
        Assert.Equal(status, queue);
        Assert.Null(await server.Service<IConversationStore>().GetAsync(CallConversations.LiveId(callSid)));
    }

    [Fact]
    public async Task LongValuesTwilioMaySend_AreTaken_AndAnOversizedForm_Is413Not500()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        await Voice.BusyAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);
        var sipFrom = "sip:" + new string('a', 90) + "@customer-pbx.example.com;user=phone;transport=tls";

        var speech = await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(
            Voice.NewCallSid(), sipFrom, extra: ("SpeechResult", "I have a question about billing " + string.Join(' ', Enumerable.Repeat("and then some more words", 60)))));
        Assert.Contains("<Enqueue", speech, StringComparison.Ordinal);

        var many = TwilioWebhooks.Call(Voice.NewCallSid(), Voice.Caller);
        for (var i = 0; i < 1100; i++)
        {
            many["Extra" + i] = "x";
        }

        using var oversized = await twilio.PostAsync("/twilio/voice/menu", many);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
    }

    [Fact]
    public async Task ATwentyDigitTicketNumber_IsReadBackAsKeyed_NotAsZero()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));

        var twiml = await Voice.Twilio(server).TwimlAsync("/twilio/voice/ticket", TwilioWebhooks.Call(Voice.NewCallSid(), Voice.Caller, extra: ("Digits", "12345678901234567890#")));

        Assert.Contains("no open ticket with the number 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0.", twiml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWaitEstimate_CountsOnlyAgentsWithTheCallsSkill()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        // Tom, available at every level, takes only technical calls: he shortens no billing caller's wait.
        await Voice.AvailableAgentAsync(server, "Tom", [1, 2, 3], skills: ["technical"]);
        var twilio = Voice.Twilio(server);
        var callSid = Voice.NewCallSid();
        await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", "1"))); // billing

        var wait = await twilio.TwimlAsync("/twilio/voice/wait", TwilioWebhooks.Call(callSid, Voice.Caller, "queued"));

        Assert.Contains("You are next in line.", wait, StringComparison.Ordinal);
        Assert.DoesNotContain("The estimated wait", wait, StringComparison.Ordinal);
    }
}

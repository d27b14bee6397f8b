using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Calls;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Calls;

/// <summary>Nobody to answer, or a caller tired of waiting: a voicemail or a callback request becomes a ticket's task, offered like a call.</summary>
public sealed class VoiceFollowUpTests
{
    private const string OtherCaller = "+4915199999999";
    private const string RecordingSid = "RE0123456789abcdef0123456789abcdef";
    private const string RecordingUrl = $"https://api.twilio.com/2010-04-01/Accounts/{Voice.AccountSid}/Recordings/{RecordingSid}";

    [Fact]
    public async Task WithNobodyAvailable_AVoicemailAndACallbackRequest_BecomeTicketsThatAreOfferedToAnAgent()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var twilio = Voice.Twilio(server);
        var voicemailCall = Voice.NewCallSid();
        var callbackCall = Voice.NewCallSid();

        var nobody = await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(voicemailCall, Voice.Caller, extra: ("Digits", "1")));
        Assert.Contains("Sorry, nobody can take your call right now.", nobody, StringComparison.Ordinal);
        Assert.Contains($"action=\"{Voice.PublicBaseUrl}/twilio/voice/message\"", nobody, StringComparison.Ordinal);
        Assert.DoesNotContain("<Enqueue", nobody, StringComparison.Ordinal);
        Assert.Empty(await server.Service<IRoutingState>().GetTasksAsync());

        var record = await twilio.TwimlAsync("/twilio/voice/message", TwilioWebhooks.Call(voicemailCall, Voice.Caller, extra: ("Digits", "1")));
        Assert.Contains("Please leave your message after the tone.", record, StringComparison.Ordinal);
        foreach (var attribute in new[]
        {
            $"action=\"{Voice.PublicBaseUrl}/twilio/voice/voicemail\"", "maxLength=\"120\"", "finishOnKey=\"#\"", "playBeep=\"true\"", "transcribe=\"true\"",
            $"transcribeCallback=\"{Voice.PublicBaseUrl}/twilio/voice/voicemail-transcription\"",
        })
        {
            Assert.Contains(attribute, record, StringComparison.Ordinal);
        }

        var recorded = TwilioWebhooks.Call(
            voicemailCall, Voice.Caller, extra: [("RecordingSid", RecordingSid), ("RecordingUrl", RecordingUrl), ("RecordingDuration", "14"), ("Digits", "#")]);
        var saved = await twilio.TwimlAsync("/twilio/voice/voicemail", recorded);
        await twilio.TwimlAsync("/twilio/voice/voicemail", recorded); // Twilio retried: still one task
        await twilio.CallbackAsync("/twilio/voice/status", TwilioWebhooks.Call(voicemailCall, Voice.Caller, "completed"));
        await twilio.CallbackAsync("/twilio/voice/voicemail-transcription", TwilioWebhooks.Call(
            voicemailCall,
            Voice.Caller,
            "completed",
            ("TranscriptionSid", "TR0123456789abcdef0123456789abcdef"),
            ("TranscriptionText", "Hi, this is Carla, my invoice 42 is wrong, please call me."),
            ("TranscriptionStatus", "completed"),
            ("TranscriptionUrl", $"https://api.twilio.com/2010-04-01/Accounts/{Voice.AccountSid}/Transcriptions/TR0123456789abcdef0123456789abcdef"),
            ("RecordingSid", RecordingSid),
            ("RecordingUrl", RecordingUrl)));

        await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(callbackCall, OtherCaller, extra: ("SpeechResult", "A question about my bill")));
        var callback = await twilio.TwimlAsync("/twilio/voice/message", TwilioWebhooks.Call(callbackCall, OtherCaller, extra: ("Digits", "2")));

        var voicemailTicket = await TicketOfAsync(server, voicemailCall);
        var callbackTicket = await TicketOfAsync(server, callbackCall);
        Assert.Contains($"Your message is saved as ticket {Digits(voicemailTicket.Number)}. Goodbye.</Say><Hangup", saved, StringComparison.Ordinal);
        Assert.Contains($"We will call you back. Your ticket number is {Digits(callbackTicket.Number)}. Goodbye.</Say><Hangup", callback, StringComparison.Ordinal);
        Assert.Equal([CallConversations.LiveId(voicemailCall), CallConversations.FollowUpId(voicemailCall)], voicemailTicket.ConversationIds);
        Assert.Equal(2, (await server.Service<IRoutingState>().GetTasksAsync()).Count);
        Assert.Equal(ConversationStatus.Ended, (await server.Service<IConversationStore>().GetAsync(CallConversations.LiveId(voicemailCall)))!.Status);

        // The first agent to come online gets the tasks, one at a time (voice capacity 1), and no call is placed for them.
        var ada = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada", [1])).Token);
        await ada.SetPresenceAsync(PresenceStatus.Available);
        var offer = await ada.Offers.WaitForAsync(o => o.ConversationId == CallConversations.FollowUpId(voicemailCall));
        Assert.Equal((Channel.Voice, voicemailTicket.Number), (offer.Channel, offer.TicketNumber));
        var voicemail = await ada.AcceptAsync(offer.ConversationId);
        Assert.Equal(
            [$"Voicemail from {Voice.Caller} (14 s): {RecordingUrl}", "Hi, this is Carla, my invoice 42 is wrong, please call me."],
            voicemail.Messages.Where(m => m.Kind is MessageKind.System or MessageKind.Transcript).Select(m => m.Text).Take(2));
        await ada.Connection.InvokeAsync(nameof(AgentHub.Resolve), new ResolveRequest(offer.ConversationId, "Called Carla back; invoice corrected."));

        var next = await ada.Offers.WaitForAsync(o => o.ConversationId == CallConversations.FollowUpId(callbackCall));
        var callbackTask = await ada.AcceptAsync(next.ConversationId);
        Assert.Equal($"Callback requested: please call {OtherCaller} back.", callbackTask.Messages[0].Text);
        Assert.DoesNotContain(api.Requests, r => r.Path.Contains(voicemailCall, StringComparison.Ordinal) || r.Path.Contains(callbackCall, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACallerWhoPressesAKeyWhileWaiting_LeavesTheQueue_AsksForACallback_AndTheAgentCallsBackFromTheBrowser()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        var settings = Voice.Settings(api.BaseAddress);
        settings["Hub:Twilio:CallerId"] = "+4930123456";
        await using var server = HubServer.Start(settings: settings);
        var adaLogin = await server.CreateAgentAsync("Ada", [1]);
        var ada = await server.ConnectAgentAsync(adaLogin.Token);
        await ada.SetPresenceAsync(PresenceStatus.Busy);
        var bobLogin = await server.CreateAgentAsync("Bob", [1]);
        var twilio = Voice.Twilio(server);
        var callSid = Voice.NewCallSid();
        await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", "1")));

        var wait = await twilio.TwimlAsync("/twilio/voice/wait", TwilioWebhooks.Call(callSid, Voice.Caller, "queued", ("QueuePosition", "1"), ("QueueTime", "35")));
        Assert.Contains("To leave a voicemail or ask for a callback instead, press any key.", wait, StringComparison.Ordinal);
        var leave = await twilio.TwimlAsync("/twilio/voice/leave-queue", TwilioWebhooks.Call(callSid, Voice.Caller, "queued", ("Digits", "5")));
        Assert.Contains("<Leave", leave, StringComparison.Ordinal);
        Assert.Empty(await server.Service<IRoutingState>().GetTasksAsync());

        var choices = await twilio.TwimlAsync("/twilio/voice/queue-result", TwilioWebhooks.Call(callSid, Voice.Caller, extra: [("QueueResult", "leave"), ("QueueTime", "41")]));
        Assert.Contains("To leave a voicemail, press 1. To have us call you back", choices, StringComparison.Ordinal);
        await twilio.TwimlAsync("/twilio/voice/message", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", "2")));

        var task = Assert.Single(await server.Service<IRoutingState>().GetTasksAsync());
        Assert.Equal(CallConversations.FollowUpId(callSid), task.ConversationId);
        var transcript = await server.Service<IConversationStore>().GetMessagesAsync(CallConversations.LiveId(callSid), 0, 50, includePrivateNotes: true);
        Assert.Equal($"Callback requested: please call {Voice.Caller} back. It waits as a task on ticket #{(await TicketOfAsync(server, callSid)).Number}.", transcript[^1].Text);

        // Ada takes the task and calls back from the console's browser phone (a call through the TwiML app).
        await ada.SetPresenceAsync(PresenceStatus.Available);
        await ada.Offers.WaitForAsync(o => o.ConversationId == task.ConversationId);
        await ada.AcceptAsync(task.ConversationId);
        using var notHers = await twilio.PostAsync("/twilio/voice/outgoing", BrowserCall(bobLogin.Agent.Id, task.ConversationId, to: "+19005550100"));
        using var noTask = await twilio.PostAsync("/twilio/voice/outgoing", BrowserCall(adaLogin.Agent.Id, "followup-unknown", to: "+19005550100"));
        var dial = await twilio.TwimlAsync("/twilio/voice/outgoing", BrowserCall(adaLogin.Agent.Id, task.ConversationId, to: "+19005550100"));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, notHers.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, noTask.StatusCode);
        Assert.Contains($"<Dial callerId=\"+4930123456\"><Number>{Voice.Caller}</Number></Dial>", dial, StringComparison.Ordinal); // never the number the browser asked for
        await ada.Messages.WaitForAsync(m => m.ConversationId == task.ConversationId && m.Text == $"Calling {Voice.Caller} back.");
    }

    /// <summary>What Twilio posts to the TwiML app's voice URL when a browser phone places a call with custom parameters.</summary>
    private static Dictionary<string, string> BrowserCall(string agentId, string conversationId, string to) => new()
    {
        ["AccountSid"] = Voice.AccountSid,
        ["ApiVersion"] = "2010-04-01",
        ["ApplicationSid"] = "AP0123456789abcdef0123456789abcdef",
        ["CallSid"] = Voice.NewCallSid(),
        ["CallStatus"] = "ringing",
        ["Called"] = "",
        ["Caller"] = "client:" + agentId,
        ["Direction"] = "inbound",
        ["From"] = "client:" + agentId,
        ["To"] = to,
        ["ConversationId"] = conversationId,
    };

    [Fact]
    public async Task MalformedWebhooks_AreRefusedWithProblemDetails_AndCreateNothing()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        await Voice.BusyAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);
        var callSid = Voice.NewCallSid();

        using var badDigits = await twilio.PostAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", "1; DROP")));
        using var badUrl = await twilio.PostAsync("/twilio/voice/voicemail", TwilioWebhooks.Call(callSid, Voice.Caller, extra: [("RecordingUrl", "javascript:alert(1)"), ("RecordingDuration", "3")]));
        using var unknown = await twilio.PostAsync("/twilio/voice/voicemail", TwilioWebhooks.Call(callSid, Voice.Caller, extra: [("RecordingUrl", RecordingUrl), ("RecordingDuration", "3")]));

        Assert.Equal((System.Net.HttpStatusCode.BadRequest, "application/problem+json"), (badDigits.StatusCode, badDigits.Content.Headers.ContentType?.MediaType));
        Assert.Contains("Digits may hold only 0-9, * and #", await badDigits.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, badUrl.StatusCode);
        Assert.Contains("RecordingUrl must be an absolute https URL.", await badUrl.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Null(await server.Service<IConversationStore>().GetAsync(CallConversations.LiveId(callSid)));
        Assert.Empty(await server.Service<IRoutingState>().GetTasksAsync());
    }

    private static string Digits(long number) => string.Join(' ', number.ToString(System.Globalization.CultureInfo.InvariantCulture).ToCharArray());

    private static async Task<Ticket> TicketOfAsync(HubServer server, string callSid)
    {
        var call = await server.Service<IConversationStore>().GetAsync(CallConversations.LiveId(callSid));
        return (await server.Service<ITicketStore>().GetAsync(call!.TicketId))!;
    }
}

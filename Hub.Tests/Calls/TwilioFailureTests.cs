using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportHub.Server.Features.Calls;
using SupportHub.Server.Features.Chat;
using SupportHub.Tests.Errors;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Calls;

/// <summary>Twilio's REST API failing or hanging while Hub moves a call: the caller is never stranded, the agent is told.</summary>
public sealed class TwilioFailureTests
{
    [Fact]
    public async Task WithTwilioHanging_AcceptOfferAnswers_TheAgentsOtherCallsKeepAnswering_AndAfterTheTimeoutTheCallerWaitsAgainFirstInLine()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        var settings = Voice.Settings(api.BaseAddress);
        settings["Hub:Twilio:RestTimeout"] = "00:00:05";
        await using var server = HubServer.Start(settings: settings);
        var (_, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);
        var callSid = Voice.NewCallSid();
        var conversationId = CallConversations.LiveId(callSid);
        await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", "1")));
        await ada.Offers.WaitForAsync(o => o.ConversationId == conversationId);
        api.Mode = FakeTwilioApi.FakeMode.Hang;

        var accepted = await ada.AcceptAsync(conversationId); // 100 s (HttpClient's default) without a timeout of Hub's own
        Assert.Equal(ConversationStatus.Active, accepted.Conversation.Status);
        await api.WaitForRefusedAsync(r => r.Path.Contains(callSid, StringComparison.Ordinal));
        await ada.HeartbeatAsync();
        var queue = await ada.GetQueueAsync();
        Assert.DoesNotContain(queue, q => q.ConversationId == conversationId);
        Assert.Equal(ConversationStatus.Active, (await server.Service<IConversationStore>().GetAsync(conversationId))!.Status); // Twilio still has not answered

        // Twilio never answered: the caller is still in Twilio's queue, so the call waits again, first in line, and the agent reads why.
        var note = await ada.Messages.WaitForAsync(m => m.ConversationId == conversationId && m.Text.Contains("did not put the call through", StringComparison.Ordinal));
        Assert.Equal("Twilio did not put the call through to Ada (no answer in time). The caller waits in the queue again, first in line.", note.Text);
        await ada.Changes.WaitForAsync(c => c.Id == conversationId && c.Status == ConversationStatus.Waiting);
        var again = await ada.Offers.WaitForAsync(o => o.ConversationId == conversationId && o != ada.Offers.Snapshot()[0]);
        Assert.Equal(conversationId, again.ConversationId);
        var wait = await twilio.TwimlAsync("/twilio/voice/wait", TwilioWebhooks.Call(callSid, Voice.Caller, "queued"));
        Assert.DoesNotContain("Connecting you now.", wait, StringComparison.Ordinal);
        var transcript = await server.Service<IConversationStore>().GetMessagesAsync(conversationId, 0, 50, includePrivateNotes: true);
        Assert.DoesNotContain(transcript, m => m.Text.Contains("with the agent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithTwilioFailing_AnAcceptedCallWaitsAgain_AndTheStatusCallbackRecordsItAsAbandonedNotAsEndedWithTheAgent()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var (_, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);
        var callSid = Voice.NewCallSid();
        var conversationId = CallConversations.LiveId(callSid);
        await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", "1")));
        await ada.Offers.WaitForAsync(o => o.ConversationId == conversationId);
        api.Mode = FakeTwilioApi.FakeMode.Fail;

        await ada.AcceptAsync(conversationId);
        var note = await ada.Messages.WaitForAsync(m => m.ConversationId == conversationId && m.Text.StartsWith("Twilio did not", StringComparison.Ordinal));
        Assert.Equal("Twilio did not put the call through to Ada (Twilio answered 500). The caller waits in the queue again, first in line.", note.Text);
        await ada.Changes.WaitForAsync(c => c.Id == conversationId && c.Status == ConversationStatus.Waiting);
        Assert.Single(api.Refused); // an update (POST) is never retried: Twilio may have carried it out

        await ada.SetPresenceAsync(SupportHub.Server.Features.Routing.PresenceStatus.Busy);
        await twilio.CallbackAsync("/twilio/voice/status", TwilioWebhooks.Call(callSid, Voice.Caller, "completed"));
        var transcript = await server.Service<IConversationStore>().GetMessagesAsync(conversationId, 0, 50, includePrivateNotes: true);
        Assert.Contains("without reaching an agent (abandoned, completed)", transcript[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HoldWithTwilioUnreachable_ReportsCallFailed_AndTheTranscriptDoesNotClaimTheCallerIsOnHold()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var (_, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);
        var (_, conversationId) = await twilio.ConnectedCallAsync(api, ada);
        api.Mode = FakeTwilioApi.FakeMode.Fail;

        var error = await Assert.ThrowsAsync<HubException>(() =>
            ada.Connection.InvokeAsync(nameof(AgentHub.HoldCall), new HoldCallRequest(conversationId, true)).WaitAsync(HubServer.Timeout));

        Assert.Equal("call_failed: Twilio did not put the caller on hold (Twilio answered 500).", HubError.Of(error));
        var transcript = await server.Service<IConversationStore>().GetMessagesAsync(conversationId, 0, 50, includePrivateNotes: true);
        Assert.DoesNotContain(transcript, m => m.Text == "The caller is on hold.");
    }

    [Fact]
    public async Task TheWaitUrlOfAnUnknownCall_DoesNotSayConnecting_AndEndsTheCall()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));

        var wait = await Voice.Twilio(server).TwimlAsync("/twilio/voice/wait", TwilioWebhooks.Call(Voice.NewCallSid(), Voice.Caller, "queued"));

        Assert.DoesNotContain("Connecting you now.", wait, StringComparison.Ordinal);
        Assert.Contains("Please call again later.", wait, StringComparison.Ordinal);
        Assert.Contains("<Hangup></Hangup>", wait, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestFailureLogs_NameTheConfiguredBaseUrl()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        var logs = new ConcurrentQueue<LogEntry>();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress), services: s => s.AddSingleton<ILoggerProvider>(new CollectingLoggerProvider(logs)));
        var (_, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);
        var (_, conversationId) = await Voice.Twilio(server).ConnectedCallAsync(api, ada);
        api.Mode = FakeTwilioApi.FakeMode.Fail;

        await Assert.ThrowsAsync<HubException>(() =>
            ada.Connection.InvokeAsync(nameof(AgentHub.HangUpCall), new ConversationRequest(conversationId)).WaitAsync(HubServer.Timeout));

        Assert.Contains(logs, e => e.Level == LogLevel.Error && e.Message.Contains("Twilio did not take the update", StringComparison.Ordinal)
            && e.Message.Contains(api.BaseAddress.ToString(), StringComparison.Ordinal));
    }
}

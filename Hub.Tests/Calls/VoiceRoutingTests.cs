using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Calls;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Calls;

/// <summary>Where a call goes: a keyed-in ticket, a known caller, an escalation to another level, and the console's call controls.</summary>
public sealed class VoiceRoutingTests
{
    [Fact]
    public async Task ACallerKeyingInAnOpenTicketsNumber_ReachesThatTicketsLevel_AndItsLastAgentFirst()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        // Eve is idle longest, so without the ticket's stickiness she would get the call.
        var eve = await server.ConnectAgentAsync((await server.CreateAgentAsync("Eve", [3])).Token);
        await eve.SetPresenceAsync(PresenceStatus.Available);
        var (doraLogin, dora) = await Voice.AvailableAgentAsync(server, "Dora", [3]);
        // The ticket is the caller's (its customer has the caller's number): only then does keying in its number join it.
        var owner = await server.Service<SupportHub.Server.Features.Customers.ICustomerStore>().CreateAsync(
            new SupportHub.Server.Features.Customers.Customer { Id = "c-chat-customer", Name = "Carla", PhoneNumber = Voice.Caller, CreatedAt = DateTimeOffset.UtcNow });
        var ticket = await NewTicketAsync(server, owner.Id, level: 3, lastAgentId: doraLogin.Agent.Id);
        var twilio = Voice.Twilio(server);
        var callSid = Voice.NewCallSid();

        var prompt = await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", "*")));
        Assert.Contains("finishOnKey=\"#\"", prompt, StringComparison.Ordinal);
        Assert.Contains($"action=\"{Voice.PublicBaseUrl}/twilio/voice/ticket\"", prompt, StringComparison.Ordinal);
        Assert.Contains("Please enter your ticket number, then press the hash key.", prompt, StringComparison.Ordinal);

        var unknown = await twilio.TwimlAsync("/twilio/voice/ticket", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", "987654")));
        Assert.Contains("Sorry, I found no open ticket with the number 9 8 7 6 5 4.", unknown, StringComparison.Ordinal);
        Assert.Contains($"action=\"{Voice.PublicBaseUrl}/twilio/voice/ticket\"", unknown, StringComparison.Ordinal);
        Assert.Null(await server.Service<IConversationStore>().GetAsync(CallConversations.LiveId(callSid)));

        var found = await twilio.TwimlAsync("/twilio/voice/ticket", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", ticket.Number + "#")));
        Assert.Contains($"We connect you with the team working on ticket {VoiceDigits(ticket.Number)}.", found, StringComparison.Ordinal);
        Assert.Contains(">hub-voice</Enqueue>", found, StringComparison.Ordinal);

        var conversationId = CallConversations.LiveId(callSid);
        var offer = await dora.Offers.WaitForAsync(o => o.ConversationId == conversationId);
        Assert.Equal((3, ticket.Number), (offer.Level, offer.TicketNumber));
        Assert.DoesNotContain(eve.Offers.Snapshot(), o => o.ConversationId == conversationId);
        var stored = await server.Service<ITicketStore>().GetAsync(ticket.Id);
        Assert.Contains(conversationId, stored!.ConversationIds);
        Assert.Equal(ticket.Id, (await server.Service<IConversationStore>().GetAsync(conversationId))!.TicketId);
    }

    [Fact]
    public async Task AKnownCallerWithAnOpenTicket_ReachesItsLevel_AndItsLastAgentFirst()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var gus = await server.ConnectAgentAsync((await server.CreateAgentAsync("Gus", [2])).Token);
        await gus.SetPresenceAsync(PresenceStatus.Available);
        var (finnLogin, finn) = await Voice.AvailableAgentAsync(server, "Finn", [2]);
        var ticket = await NewTicketAsync(server, "tel-4917012345678", level: 2, lastAgentId: finnLogin.Agent.Id);
        var callSid = Voice.NewCallSid();

        await Voice.Twilio(server).TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", "1")));

        var offer = await finn.Offers.WaitForAsync(o => o.ConversationId == CallConversations.LiveId(callSid));
        Assert.Equal((2, ticket.Number), (offer.Level, offer.TicketNumber));
        Assert.Empty(gus.Offers.Snapshot());
    }

    [Fact]
    public async Task ACallEscalatedFromFirstToThirdLevel_GoesBackToTheQueue_ReachesAThirdLevelAgent_WithTheNoteOnTheTicket()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var (adaLogin, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);
        var (zedLogin, zed) = await Voice.AvailableAgentAsync(server, "Zed", [3]);
        var callSid = Voice.NewCallSid();
        var conversationId = CallConversations.LiveId(callSid);
        await Voice.Twilio(server).TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", "1")));
        await ada.Offers.WaitForAsync(o => o.ConversationId == conversationId);
        await ada.AcceptAsync(conversationId);
        await api.WaitForTwimlAsync(callSid, $"<Identity>{adaLogin.Agent.Id}</Identity>");

        const string note = "Export crashes on invoices over 10,000 lines; stack trace in ticket.";
        await ada.EscalateAsync(conversationId, 3, "needs an engineer", note);

        var requeue = await api.WaitForTwimlAsync(callSid, "<Enqueue");
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><Response><Stop><Transcription name=\"hub-transcript\"></Transcription></Stop>", requeue, StringComparison.Ordinal);
        Assert.Contains("We are passing your call to our level 3 support team. Please hold.", requeue, StringComparison.Ordinal);
        Assert.Contains(">hub-voice</Enqueue>", requeue, StringComparison.Ordinal);
        Assert.Equal(0, (await ada.PresenceAsync()).VoiceLoad);

        var offer = await zed.Offers.WaitForAsync(o => o.ConversationId == conversationId);
        Assert.Equal(3, offer.Level);
        var accepted = await zed.AcceptAsync(conversationId);
        await api.WaitForTwimlAsync(callSid, $"<Identity>{zedLogin.Agent.Id}</Identity>");
        Assert.Contains(accepted.Messages, m => m.Kind == MessageKind.PrivateNote && m.Text.Contains(note, StringComparison.Ordinal));

        var ticket = await server.Service<ITicketStore>().GetByNumberAsync(accepted.Conversation.TicketNumber);
        Assert.Equal((3, TicketStatus.Escalated), (ticket!.Level, ticket.Status));
        var change = ticket.LevelHistory[^1];
        Assert.Equal((3, adaLogin.Agent.Id, "needs an engineer", note), (change.Level, change.ByAgentId, change.Reason, change.Note));
    }

    [Fact]
    public async Task TheAgentPutsTheCallerOnHold_TakesThemBack_AndHangsUp_ThroughTwiliosApi()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var (adaLogin, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);
        var bob = await server.ConnectAgentAsync((await server.CreateAgentAsync("Bob", [1])).Token);
        var twilio = Voice.Twilio(server);
        var (callSid, conversationId) = await twilio.ConnectedCallAsync(api, ada);

        await ada.Connection.InvokeAsync(nameof(AgentHub.HoldCall), new HoldCallRequest(conversationId, OnHold: true));
        var hold = await api.WaitForTwimlAsync(callSid, "Please hold the line.");
        Assert.Contains($"<Redirect method=\"POST\">{Voice.PublicBaseUrl}/twilio/voice/hold</Redirect>", hold, StringComparison.Ordinal);
        var music = await twilio.TwimlAsync("/twilio/voice/hold", TwilioWebhooks.Call(callSid, Voice.Caller));
        Assert.Contains("<Pause length=\"20\"", music, StringComparison.Ordinal);
        Assert.Contains($"{Voice.PublicBaseUrl}/twilio/voice/hold</Redirect>", music, StringComparison.Ordinal);
        await ada.Messages.WaitForAsync(m => m.Text == "The caller is on hold.");

        await ada.Connection.InvokeAsync(nameof(AgentHub.HoldCall), new HoldCallRequest(conversationId, OnHold: false));
        await ada.Messages.WaitForAsync(m => m.Text == "The caller is back with Ada.");
        Assert.Equal(2, api.Requests.Count(r => r.Form.TryGetValue("Twiml", out var t) && t.Contains($"<Identity>{adaLogin.Agent.Id}</Identity>", StringComparison.Ordinal)));

        var notHers = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync(nameof(AgentHub.HangUpCall), new ConversationRequest(conversationId)));
        Assert.StartsWith("forbidden: ", HubError.Of(notHers), StringComparison.Ordinal);
        await ada.Connection.InvokeAsync(nameof(AgentHub.HangUpCall), new ConversationRequest(conversationId));
        var hangUp = await api.WaitForRequestAsync(r => r.Form.TryGetValue("Status", out var status) && status == "completed");
        Assert.EndsWith($"/Calls/{callSid}.json", hangUp.Path, StringComparison.Ordinal);

        // Twilio then reports the end of the call; only that ends the conversation.
        Assert.Equal(ConversationStatus.Active, (await server.Service<IConversationStore>().GetAsync(conversationId))!.Status);
        await twilio.CallbackAsync("/twilio/voice/status", TwilioWebhooks.Call(callSid, Voice.Caller, "completed"));
        Assert.Equal(ConversationStatus.Ended, (await server.Service<IConversationStore>().GetAsync(conversationId))!.Status);
        Assert.Equal(0, (await ada.PresenceAsync()).VoiceLoad);
        var ended = await Assert.ThrowsAsync<HubException>(() => ada.Connection.InvokeAsync(nameof(AgentHub.HoldCall), new HoldCallRequest(conversationId, true)));
        Assert.StartsWith("conversation_closed: ", HubError.Of(ended), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgentWithAPhoneNumberInTheProfile_IsRungOnThatPhone_AndABadNumberIsRefused()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var (adaLogin, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);

        using var bad = await PutPhoneAsync(server, adaLogin.Token, "030 123456");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("PhoneNumber must be in international form (E.164)", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var good = await PutPhoneAsync(server, adaLogin.Token, "+4930999888");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains("\"phoneNumber\":\"+4930999888\"", await good.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var callSid = Voice.NewCallSid();
        await Voice.Twilio(server).TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("Digits", "1")));
        await ada.Offers.WaitForAsync(o => o.ConversationId == CallConversations.LiveId(callSid));
        await ada.AcceptAsync(CallConversations.LiveId(callSid));

        var twiml = await api.WaitForTwimlAsync(callSid, "<Dial");
        Assert.Contains("><Number>+4930999888</Number></Dial>", twiml, StringComparison.Ordinal);
        Assert.DoesNotContain("<Client>", twiml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgentWhoAcceptsButDoesNotAnswer_SendsTheCallerBackToTheQueue_FirstInLine_ForTheNextAgent()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var (adaLogin, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);
        var (callSid, conversationId) = await twilio.ConnectedCallAsync(api, ada);

        var missed = await twilio.TwimlAsync("/twilio/voice/dial-result", TwilioWebhooks.Call(
            callSid, Voice.Caller, extra: [("DialCallStatus", "no-answer"), ("DialCallSid", Voice.NewCallSid()), ("DialCallDuration", "0")]));

        Assert.Contains("Sorry, your agent could not be reached. We connect you with the next free agent.", missed, StringComparison.Ordinal);
        Assert.Contains(">hub-voice</Enqueue>", missed, StringComparison.Ordinal);
        Assert.Equal(ConversationStatus.Waiting, (await server.Service<IConversationStore>().GetAsync(conversationId))!.Status);
        var missedBy = await ada.PresenceAsync();
        Assert.Equal((PresenceStatus.Away, 0), (missedBy.Status, missedBy.VoiceLoad)); // not offered the call again at once
        var (bobLogin, bob) = await Voice.AvailableAgentAsync(server, "Bob", [1]);
        await bob.Offers.WaitForAsync(o => o.ConversationId == conversationId);
        await bob.AcceptAsync(conversationId);
        await api.WaitForTwimlAsync(callSid, $"<Identity>{bobLogin.Agent.Id}</Identity>");

        // Answered and over: the caller's line ends.
        var done = await twilio.TwimlAsync("/twilio/voice/dial-result", TwilioWebhooks.Call(callSid, Voice.Caller, extra: [("DialCallStatus", "completed"), ("DialCallDuration", "95")]));
        Assert.Contains("<Hangup", done, StringComparison.Ordinal);
        Assert.Equal(ConversationStatus.Active, (await server.Service<IConversationStore>().GetAsync(conversationId))!.Status);
    }

    [Fact]
    public async Task AWarmTransfer_RingsTheSecondAgentIntoAConferenceWithTheCaller_AndCompletingItHandsTheCallOver()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var (adaLogin, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);
        var (callSid, conversationId) = await twilio.ConnectedCallAsync(api, ada);
        var (bobLogin, bob) = await Voice.AvailableAgentAsync(server, "Bob", [2]);
        var conference = $"hub-{conversationId}";

        var notStarted = await Assert.ThrowsAsync<HubException>(() => ada.Connection.InvokeAsync(nameof(AgentHub.CompleteWarmTransfer), new WarmTransferRequest(conversationId, bobLogin.Agent.Id)));
        Assert.StartsWith("conflict: No warm transfer", HubError.Of(notStarted), StringComparison.Ordinal);
        await ada.Connection.InvokeAsync(nameof(AgentHub.WarmTransfer), new WarmTransferRequest(conversationId, bobLogin.Agent.Id, "Invoice export crashes, needs level 2."));

        var caller = await api.WaitForTwimlAsync(callSid, "<Conference");
        Assert.Contains($">{conference}</Conference></Dial>", caller, StringComparison.Ordinal);
        Assert.Contains("endConferenceOnExit=\"true\"", caller, StringComparison.Ordinal);
        var participants = $"/2010-04-01/Accounts/{Voice.AccountSid}/Conferences/{conference}/Participants.json";
        var rungAda = await api.WaitForRequestAsync(r => r.Path == participants && r.Form["To"] == $"client:{adaLogin.Agent.Id}");
        var rungBob = await api.WaitForRequestAsync(r => r.Path == participants && r.Form["To"] == $"client:{bobLogin.Agent.Id}");
        Assert.Equal((Voice.Caller, adaLogin.Agent.Id, "false"), (rungAda.Form["From"], rungAda.Form["Label"], rungAda.Form["EndConferenceOnExit"]));
        Assert.Equal((Voice.Caller, bobLogin.Agent.Id), (rungBob.Form["From"], rungBob.Form["Label"]));
        Assert.Equal((1, 1), ((await ada.PresenceAsync()).VoiceLoad, (await bob.PresenceAsync()).VoiceLoad));
        await ada.Messages.WaitForAsync(m => m.Kind == MessageKind.PrivateNote && m.Text == "Warm transfer to Bob: Invoice export crashes, needs level 2.");

        await ada.Connection.InvokeAsync(nameof(AgentHub.CompleteWarmTransfer), new WarmTransferRequest(conversationId, bobLogin.Agent.Id));

        var removed = await api.WaitForRequestAsync(r => r.Method == "DELETE");
        Assert.Equal($"/2010-04-01/Accounts/{Voice.AccountSid}/Conferences/{conference}/Participants/{adaLogin.Agent.Id}.json", removed.Path);
        var moved = (await server.Service<IConversationStore>().GetAsync(conversationId))!;
        Assert.Equal((ConversationStatus.Active, bobLogin.Agent.Id), (moved.Status, moved.AssignedAgentId));
        Assert.Equal((0, 1), ((await ada.PresenceAsync()).VoiceLoad, (await bob.PresenceAsync()).VoiceLoad));
        Assert.Equal(bobLogin.Agent.Id, (await server.Service<ITicketStore>().GetAsync(moved.TicketId))!.LastAgentId);
        await bob.Connection.InvokeAsync(nameof(AgentHub.HangUpCall), new ConversationRequest(conversationId)); // the call is Bob's now
        var notHers = await Assert.ThrowsAsync<HubException>(() => ada.Connection.InvokeAsync(nameof(AgentHub.HoldCall), new HoldCallRequest(conversationId, true)));
        Assert.StartsWith("forbidden: ", HubError.Of(notHers), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWarmTransferToABusyAgent_IsRefused_AndACancelledOneFreesTheSecondAgent()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var (_, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);
        var (_, conversationId) = await twilio.ConnectedCallAsync(api, ada);
        var (bobLogin, bob) = await Voice.AvailableAgentAsync(server, "Bob", [1]);
        await twilio.ConnectedCallAsync(api, bob, from: "+4915199999999"); // Bob is on a call of his own
        var (cleoLogin, cleo) = await Voice.AvailableAgentAsync(server, "Cleo", [1]);

        var busy = await Assert.ThrowsAsync<HubException>(() => ada.Connection.InvokeAsync(nameof(AgentHub.WarmTransfer), new WarmTransferRequest(conversationId, bobLogin.Agent.Id)));
        Assert.StartsWith("conflict: Bob is at capacity", HubError.Of(busy), StringComparison.Ordinal);
        Assert.DoesNotContain(api.Requests, r => r.Path.Contains("/Participants", StringComparison.Ordinal));

        await ada.Connection.InvokeAsync(nameof(AgentHub.WarmTransfer), new WarmTransferRequest(conversationId, cleoLogin.Agent.Id));
        Assert.Equal(1, (await cleo.PresenceAsync()).VoiceLoad);
        await ada.Connection.InvokeAsync(nameof(AgentHub.CancelWarmTransfer), new WarmTransferRequest(conversationId, cleoLogin.Agent.Id));

        await api.WaitForRequestAsync(r => r.Method == "DELETE" && r.Path.EndsWith($"/Participants/{cleoLogin.Agent.Id}.json", StringComparison.Ordinal));
        Assert.Equal(0, (await cleo.PresenceAsync()).VoiceLoad);
        var kept = (await server.Service<IConversationStore>().GetAsync(conversationId))!;
        Assert.Equal(ConversationStatus.Active, kept.Status);
        Assert.NotEqual(cleoLogin.Agent.Id, kept.AssignedAgentId);
        await ada.Messages.WaitForAsync(m => m.Text == "Cleo left the call.");
    }

    [Fact]
    public async Task ASupervisorReassigningACall_PutsTheCallerThroughToTheNewAgent()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var (_, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);
        var (callSid, conversationId) = await twilio.ConnectedCallAsync(api, ada);
        var bobLogin = await server.CreateAgentAsync("Bob", [1]);
        var bob = await server.ConnectAgentAsync(bobLogin.Token);
        var sam = await server.ConnectAgentAsync((await server.CreateAgentAsync("Sam", [1], [AgentRole.Supervisor])).Token);

        await sam.Connection.InvokeAsync(nameof(AgentHub.Reassign), new ReassignRequest(conversationId, bobLogin.Agent.Id));

        await api.WaitForTwimlAsync(callSid, $"<Identity>{bobLogin.Agent.Id}</Identity>");
        Assert.Equal((0, 1), ((await ada.PresenceAsync()).VoiceLoad, (await bob.PresenceAsync()).VoiceLoad));
        Assert.Equal(bobLogin.Agent.Id, (await server.Service<IConversationStore>().GetAsync(conversationId))!.AssignedAgentId);
    }

    [Fact]
    public async Task CallControlsOnAChat_OrAnUnknownConversation_AreRefused()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var (adaLogin, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var chat = await customer.StartAsync("Hello");
        await ada.Offers.WaitForAsync(o => o.ConversationId == chat.ConversationId);
        await ada.AcceptAsync(chat.ConversationId);

        var onChat = await Assert.ThrowsAsync<HubException>(() => ada.Connection.InvokeAsync(nameof(AgentHub.HoldCall), new HoldCallRequest(chat.ConversationId, true)));
        var unknown = await Assert.ThrowsAsync<HubException>(() => ada.Connection.InvokeAsync(nameof(AgentHub.HangUpCall), new ConversationRequest("voice-CA0000")));

        Assert.Equal($"validation_failed: Conversation '{chat.ConversationId}' is not a phone call.", HubError.Of(onChat));
        Assert.StartsWith("not_found: ", HubError.Of(unknown), StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    private static async Task<HttpResponseMessage> PutPhoneAsync(HubServer server, string token, string phone)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/auth/me/phone")
        {
            Content = JsonContent.Create(new { phoneNumber = phone }),
            Headers = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token) },
        };
        return await server.Http.SendAsync(request);
    }

    private static string VoiceDigits(long number) => string.Join(' ', number.ToString(System.Globalization.CultureInfo.InvariantCulture).ToCharArray());

    private static async Task<Ticket> NewTicketAsync(HubServer server, string customerId, int level, string lastAgentId)
    {
        var now = DateTimeOffset.UtcNow;
        return await server.Service<ITicketStore>().CreateAsync(new Ticket
        {
            Id = "t-" + Guid.NewGuid().ToString("N"),
            CustomerId = customerId,
            Subject = "billing",
            Status = TicketStatus.Escalated,
            Level = level,
            LevelHistory = [new LevelChange { Level = 1, At = now, Reason = "opened" }, new LevelChange { Level = level, At = now, Reason = "escalated" }],
            LastAgentId = lastAgentId,
            CreatedAt = now,
            UpdatedAt = now,
        });
    }
}

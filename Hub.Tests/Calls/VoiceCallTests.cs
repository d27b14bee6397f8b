using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Calls;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Infrastructure;
using SupportHub.Tests.TestHost;
using Twilio.Security;

namespace SupportHub.Tests.Calls;

/// <summary>
/// Phone calls end to end: Twilio's webhooks as Twilio sends them (form-encoded, signed), the
/// router and a SignalR agent console, and a loopback fake of Twilio's REST API.
/// </summary>
public sealed class VoiceCallTests
{
    private const string AuthToken = Voice.AuthToken;
    private const string PublicBaseUrl = Voice.PublicBaseUrl;
    private const string Caller = Voice.Caller;

    private static Dictionary<string, string?> VoiceSettings(Uri apiBase) => Voice.Settings(apiBase);

    private static TwilioWebhooks Twilio(HubServer server) => Voice.Twilio(server);

    private static string NewCallSid() => Voice.NewCallSid();

    [Fact]
    public async Task ACaller_WalksTheMenu_HearsItsPlace_IsOfferedToASecondLevelAgentWithTheSkill_IsBridged_AndHangingUpFreesTheAgent()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: VoiceSettings(api.BaseAddress));
        // Level 1 has nobody for technical questions; once Bob (level 2, technical) is available, the
        // workflow moves the calls on to him. Cleo, level 2 without the skill, never gets them.
        var ada = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada", [1])).Token);
        var cleo = await server.ConnectAgentAsync((await server.CreateAgentAsync("Cleo", [2], skills: ["billing"])).Token);
        var bobLogin = await server.CreateAgentAsync("Bob", [2], skills: ["technical"]);
        var bob = await server.ConnectAgentAsync(bobLogin.Token);
        await ada.SetPresenceAsync(PresenceStatus.Available);
        await cleo.SetPresenceAsync(PresenceStatus.Available);
        await bob.SetPresenceAsync(PresenceStatus.Busy);
        var twilio = Twilio(server);
        var callSid = NewCallSid();
        var secondCallSid = NewCallSid();

        var menu = await twilio.TwimlAsync("/twilio/voice/incoming", TwilioWebhooks.Call(callSid, Caller, "ringing"));
        Assert.Contains("<Gather", menu, StringComparison.Ordinal);
        Assert.Contains($"action=\"{PublicBaseUrl}/twilio/voice/menu\"", menu, StringComparison.Ordinal);
        Assert.Contains("numDigits=\"1\"", menu, StringComparison.Ordinal);
        Assert.Contains("For technical questions, press 2", menu, StringComparison.Ordinal);

        var enqueue = await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Caller, extra: ("Digits", "2")));
        Assert.Contains($"action=\"{PublicBaseUrl}/twilio/voice/queue-result\"", enqueue, StringComparison.Ordinal);
        Assert.Contains($"waitUrl=\"{PublicBaseUrl}/twilio/voice/wait\"", enqueue, StringComparison.Ordinal);
        Assert.Contains(">hub-voice</Enqueue>", enqueue, StringComparison.Ordinal);
        await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(secondCallSid, "+4915199999999", extra: ("SpeechResult", "Technical support please")));

        // Both wait at level 1, where Ada is available but has not the skill: no estimate (she takes no technical call).
        var first = await twilio.TwimlAsync("/twilio/voice/wait", TwilioWebhooks.Call(callSid, Caller, "queued"));
        Assert.Contains("You are next in line.", first, StringComparison.Ordinal);
        Assert.DoesNotContain("estimated wait", first, StringComparison.Ordinal);
        Assert.Contains($"action=\"{PublicBaseUrl}/twilio/voice/leave-queue\"", first, StringComparison.Ordinal);
        var second = await twilio.TwimlAsync("/twilio/voice/wait", TwilioWebhooks.Call(secondCallSid, "+4915199999999", "queued"));
        Assert.Contains("You are number 2 in line.", second, StringComparison.Ordinal);

        var conversationId = CallConversations.LiveId(callSid);
        await bob.SetPresenceAsync(PresenceStatus.Available);
        var offer = await bob.Offers.WaitForAsync(o => o.ConversationId == conversationId);
        Assert.Equal((Channel.Voice, "technical", 2), (offer.Channel, offer.Topic, offer.Level));
        var accepted = await bob.AcceptAsync(conversationId);
        Assert.Equal(ConversationStatus.Active, accepted.Conversation.Status);

        var twiml = await api.WaitForTwimlAsync(callSid, "<Dial");
        Assert.Contains(
            $"<Dial action=\"{PublicBaseUrl}/twilio/voice/dial-result\" method=\"POST\" timeout=\"20\"><Client><Identity>{bobLogin.Agent.Id}</Identity><Parameter name=\"conversationId\" value=\"{conversationId}\"></Parameter></Client></Dial>", twiml, StringComparison.Ordinal);
        Assert.Contains($"<Start><Transcription name=\"hub-transcript\" track=\"both_tracks\" statusCallbackUrl=\"{PublicBaseUrl}/twilio/voice/transcription\"", twiml, StringComparison.Ordinal);
        Assert.Equal(1, (await bob.PresenceAsync()).VoiceLoad);
        Assert.DoesNotContain(ada.Offers.Snapshot().Concat(cleo.Offers.Snapshot()), o => o.ConversationId == conversationId);

        var gaveUp = await twilio.PostAsync("/twilio/voice/status", TwilioWebhooks.Call(secondCallSid, "+4915199999999", "canceled"));
        Assert.Equal(HttpStatusCode.NoContent, gaveUp.StatusCode);
        var status = await twilio.PostAsync("/twilio/voice/status", TwilioWebhooks.Call(callSid, Caller, "completed", ("CallDuration", "42")));
        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);

        var ended = await server.Service<IConversationStore>().GetAsync(conversationId);
        Assert.Equal(ConversationStatus.Ended, ended!.Status);
        Assert.Equal(0, (await bob.PresenceAsync()).VoiceLoad);
        Assert.Empty(await server.Service<IRoutingState>().GetLoadAsync(bobLogin.Agent.Id));
        var abandoned = await server.Service<IConversationStore>().GetMessagesAsync(CallConversations.LiveId(secondCallSid), 0, 50, includePrivateNotes: true);
        Assert.Contains(abandoned, m => m.Kind == MessageKind.System && m.Text.StartsWith("The caller hung up after waiting 0:", StringComparison.Ordinal) && m.Text.Contains("abandoned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AForgedOrMissingSignature_IsRefused_AndCreatesNothing()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: VoiceSettings(api.BaseAddress));
        var twilio = Twilio(server);
        var callSid = NewCallSid();
        var parameters = TwilioWebhooks.Call(callSid, Caller, extra: ("Digits", "1"));
        var signed = TwilioWebhooks.Sign(AuthToken, PublicBaseUrl + "/twilio/voice/menu", parameters);
        Assert.True(new RequestValidator(AuthToken).Validate(PublicBaseUrl + "/twilio/voice/menu", parameters, signed)); // the helper signs as Twilio does

        var missing = await twilio.PostAsync("/twilio/voice/menu", parameters, signature: null);
        var forged = await twilio.PostAsync("/twilio/voice/menu", parameters, TwilioWebhooks.Sign("another-token", PublicBaseUrl + "/twilio/voice/menu", parameters));
        var tampered = await twilio.PostAsync("/twilio/voice/menu", new Dictionary<string, string>(parameters) { ["Digits"] = "2" }, signed);
        var wrongUrl = await twilio.PostAsync("/twilio/voice/menu", parameters, TwilioWebhooks.Sign(AuthToken, server.BaseAddress + "twilio/voice/menu", parameters));

        foreach (var response in new[] { missing, forged, tampered, wrongUrl })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Null(await server.Service<IConversationStore>().GetAsync(CallConversations.LiveId(callSid)));
        Assert.Empty(await server.Service<IRoutingState>().GetTasksAsync());
    }

    [Fact]
    public async Task TheSameMenuWebhookTwice_CreatesOneConversation()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: VoiceSettings(api.BaseAddress));
        await Voice.BusyAgentAsync(server, "Ada", [1, 2]);
        var twilio = Twilio(server);
        var callSid = NewCallSid();
        var parameters = TwilioWebhooks.Call(callSid, Caller, extra: ("Digits", "2"));

        var responses = await Task.WhenAll(
            twilio.PostAsync("/twilio/voice/menu", parameters),
            twilio.PostAsync("/twilio/voice/menu", parameters));
        var again = await twilio.PostAsync("/twilio/voice/menu", parameters);

        Assert.All(responses.Append(again), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var conversation = await server.Service<IConversationStore>().GetAsync(CallConversations.LiveId(callSid));
        Assert.Equal((Channel.Voice, "technical", "technical"), (conversation!.Channel, conversation.Topic, conversation.Skill));
        Assert.Single(await server.Service<IConversationStore>().ListByCustomerAsync(conversation.CustomerId));
        Assert.Single(await server.Service<IRoutingState>().GetTasksAsync());
    }

    [Fact]
    public async Task AStatusCallbackForAnUnknownCall_Is200WithEmptyTwiml_AndChangesNothing()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: VoiceSettings(api.BaseAddress));
        await Voice.BusyAgentAsync(server, "Ada", [1]);
        var twilio = Twilio(server);
        var known = NewCallSid();
        await twilio.PostAsync("/twilio/voice/menu", TwilioWebhooks.Call(known, Caller, extra: ("Digits", "1")));

        var response = await twilio.PostAsync("/twilio/voice/status", TwilioWebhooks.Call(NewCallSid(), Caller, "completed"));

        // Every caller who hangs up in the menu gets one: a 404 would fill Twilio's debugger with errors.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ConversationStatus.Waiting, (await server.Service<IConversationStore>().GetAsync(CallConversations.LiveId(known)))!.Status);
        Assert.Single(await server.Service<IRoutingState>().GetTasksAsync());
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task ACallerWhoHangsUpWhileWaiting_LeavesTheQueue_AndIsRecordedAsAbandoned()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: VoiceSettings(api.BaseAddress));
        await Voice.BusyAgentAsync(server, "Ada", [1]);
        var twilio = Twilio(server);
        var callSid = NewCallSid();
        await twilio.PostAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Caller, extra: ("Digits", "1")));

        var response = await twilio.PostAsync("/twilio/voice/status", TwilioWebhooks.Call(callSid, Caller, "canceled"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(ConversationStatus.Ended, (await server.Service<IConversationStore>().GetAsync(CallConversations.LiveId(callSid)))!.Status);
        var tasks = await server.Service<IRoutingState>().GetTasksAsync(); // the call left the queue; a callback task of its ticket took its place
        Assert.Equal([CallConversations.FollowUpId(callSid)], tasks.Select(t => t.ConversationId));
        var transcript = await server.Service<IConversationStore>().GetMessagesAsync(CallConversations.LiveId(callSid), 0, 50, includePrivateNotes: true);
        Assert.Matches("^The caller hung up after waiting 0:0[0-9] without reaching an agent \\(abandoned, canceled\\)\\.$", transcript[^1].Text);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task AnUnclearMenuChoice_AsksAgain_InGermanWhenConfigured()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        var settings = VoiceSettings(api.BaseAddress);
        settings["Hub:Twilio:Language"] = "de-DE";
        await using var server = HubServer.Start(settings: settings);
        var callSid = NewCallSid();

        var response = await Twilio(server).PostAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Caller, extra: ("Digits", "7")));

        var twiml = await response.Content.ReadAsStringAsync();
        Assert.Contains("<Gather", twiml, StringComparison.Ordinal);
        Assert.Contains("language=\"de-DE\"", twiml, StringComparison.Ordinal);
        Assert.Contains("Entschuldigung", twiml, StringComparison.Ordinal);
        Assert.Null(await server.Service<IConversationStore>().GetAsync(CallConversations.LiveId(callSid)));
    }

    [Fact]
    public async Task WithVoiceOff_HealthSaysSo_WebhooksAnswer503_AndThereIsNoToken()
    {
        await using var server = HubServer.Start();
        var login = await server.CreateAgentAsync("Ada", [1]);

        var health = await server.Http.GetFromJsonAsync<HealthEndpoints.HealthReport>("/health", HubServer.Json);
        var webhook = await new TwilioWebhooks(server.Http, PublicBaseUrl, AuthToken).PostAsync("/twilio/voice/incoming", TwilioWebhooks.Call(NewCallSid(), Caller));
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, "/api/voice/token") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", login.Token) } };
        var token = await server.Http.SendAsync(tokenRequest);

        Assert.Equal("off", health!.Voice);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, webhook.StatusCode);
        Assert.Contains("Voice is not configured", await webhook.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, token.StatusCode);
        Assert.Contains("voice not configured", await token.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithVoiceOn_HealthSaysSo_AndAnAgentGetsAVoiceToken()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        var settings = VoiceSettings(api.BaseAddress);
        settings["Hub:Twilio:ApiKeySid"] = "SK0123456789abcdef0123456789abcdef";
        settings["Hub:Twilio:ApiKeySecret"] = "api-key-secret-0123456789abcdefgh";
        settings["Hub:Twilio:TwimlAppSid"] = "AP0123456789abcdef0123456789abcdef";
        await using var server = HubServer.Start(settings: settings);
        var login = await server.CreateAgentAsync("Ada", [1]);

        var health = await server.Http.GetFromJsonAsync<HealthEndpoints.HealthReport>("/health", HubServer.Json);
        using var anonymous = await server.Http.GetAsync(new Uri("/api/voice/token", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/voice/token") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", login.Token) } };
        using var response = await server.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var token = System.Text.Json.JsonSerializer.Deserialize<CallEndpoints.VoiceTokenDto>(body, HubServer.Json);

        Assert.Equal("on", health!.Voice);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(login.Agent.Id, token!.Identity);
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token.Token);
        Assert.Equal("SK0123456789abcdef0123456789abcdef", jwt.Issuer);
        Assert.Contains(login.Agent.Id, jwt.Payload["grants"].ToString(), StringComparison.Ordinal);
        Assert.Contains("AP0123456789abcdef0123456789abcdef", jwt.Payload["grants"].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hub:Twilio:PublicBaseUrl", "support.example.com", "Hub:Twilio:PublicBaseUrl must be the absolute https://")]
    [InlineData("Hub:Twilio:PublicBaseUrl", "https://support.example.com/hub", "Hub:Twilio:PublicBaseUrl")]
    [InlineData("Hub:Twilio:Language", "fr-FR", "Hub:Twilio:Language must be en-US or de-DE.")]
    [InlineData("Hub:Twilio:CallerId", "030 123456", "Hub:Twilio:CallerId must be a number in E.164 form")]
    [InlineData("Hub:Twilio:AgentRingSeconds", "0", "Hub:Twilio:AgentRingSeconds")]
    [InlineData("Hub:Twilio:VoicemailMaxSeconds", "300", "Hub:Twilio:VoicemailMaxSeconds")]
    [InlineData("Hub:Twilio:RestTimeout", "00:01:00", "Hub:Twilio:RestTimeout must be between")]
    [InlineData("Hub:Twilio:AccountSid", "AC-nope", "Hub:Twilio:AccountSid must be AC followed by 32 hex digits.")]
    public void TwilioConfigurationErrors_FailStartUp_NamingTheBadSetting(string key, string value, string named)
    {
        var error = Assert.ThrowsAny<Exception>(() => HubServer.Start(settings: new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Calls;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.Calls;
using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Console;

/// <summary>
/// Phone calls in the console: webhooks signed as Twilio signs them, Twilio's REST API as a loopback
/// fake, and the console's real Voice SDK registered with a fake signaling gateway inside the browser.
/// Not covered, for lack of Twilio: audio (no ICE peer answers; the SDK calls a call accepted once the
/// SDP answer is set) and whatever Twilio's real gateway sends beyond this fake's few messages.
/// </summary>
public sealed class ConsoleCallTests
{
    private const string Caller = "+4917012345678";
    private static readonly float Wait = ConsolePage.Ms(HubServer.Timeout);

    /// <summary>An SDP offer with one audio line, made by the page's own WebRTC (no local description: nothing is gathered or sent).</summary>
    private const string OfferScript =
        "async () => { const pc = new RTCPeerConnection(); pc.addTransceiver('audio'); const offer = await pc.createOffer(); pc.close(); return offer.sdp; }";

    [Fact]
    public async Task AVoiceCall_ShowsAsACall_AndAcceptingIt_DialsThisBrowser_WhosePhoneAnswersThatCallAndNoOther()
    {
        await using var desk = await Desk.OpenAsync();
        var page = desk.Console.Page;

        // The phone registered with the token the console fetched, at the configured (loopback) gateway.
        var listen = await desk.Signaling.WaitForAsync("listen");
        Assert.Equal(desk.VoiceToken, listen.Payload["token"]!.GetValue<string>());
        Assert.Equal(desk.Agent.Agent.Id, FakeSignaling.IdentityOf(desk.VoiceToken));
        await desk.Signaling.WaitForAsync("register");
        await Expect(page.GetByTestId("phone")).ToHaveAttributeAsync("data-state", "registered", new() { Timeout = Wait });

        await desk.Console.SetPresenceAsync("Away");
        var callSid = await desk.PlaceCallAsync();
        var conversationId = CallConversations.LiveId(callSid);
        var queued = page.Locator($"[data-testid=queue-item][data-conversation='{conversationId}']");
        await Expect(queued.GetByTestId("queue-voice")).ToBeVisibleAsync(ConsolePage.Visible);

        await desk.Console.SetPresenceAsync("Available");
        var offer = desk.Console.OfferFor(conversationId);
        await Expect(offer).ToHaveAttributeAsync("data-channel", "Voice", new() { Timeout = Wait });
        await Expect(offer.GetByTestId("offer-voice")).ToHaveTextAsync("📞 Call");
        await desk.Console.ScreenshotAsync("call-offer");

        // A call for no conversation of this console rings; it is not answered by itself.
        var stranger = desk.Ring("+4915199999999", await page.EvaluateAsync<string>(OfferScript));
        var incoming = page.GetByTestId("incoming-call");
        await Expect(incoming.GetByTestId("incoming-answer")).ToBeVisibleAsync(ConsolePage.Visible);
        await incoming.GetByTestId("incoming-reject").ClickAsync();
        await desk.Signaling.WaitForAsync("reject", m => m.CallSid == stranger);
        await Expect(incoming).ToHaveCountAsync(0, new() { Timeout = Wait });

        await desk.Console.AcceptAsync(conversationId);
        await Expect(desk.Console.TabFor(conversationId).GetByTestId("tab-voice")).ToBeVisibleAsync(ConsolePage.Visible);
        var dial = await desk.Api.WaitForRequestAsync(r => r.Path.EndsWith($"/Calls/{callSid}.json", StringComparison.Ordinal) && IsDialToAgent(r, desk.Agent.Agent.Id));
        Assert.Equal("POST", dial.Method);
        var status = page.GetByTestId("call-status");
        await Expect(status).ToHaveAttributeAsync("data-state", "waiting", new() { Timeout = Wait });
        await Expect(page.GetByTestId("call-mute")).ToBeDisabledAsync();

        // Twilio rings the agent's client with the caller's number: answered at once, through the SDK.
        var leg = desk.Ring(Caller, await page.EvaluateAsync<string>(OfferScript));
        var answer = await desk.Signaling.WaitForAsync("answer", m => m.CallSid == leg);
        Assert.Contains("m=audio", answer.Payload["sdp"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(desk.Signaling.Received, m => m.Type == "answer" && m.CallSid == stranger);
        // The SDK calls a call accepted once the SDP answer is set; no audio flows here (no ICE peer).
        await Expect(status).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = Wait });
        await Expect(status).ToHaveTextAsync("Connected");
        await Expect(page.GetByTestId("me-load")).ToContainTextAsync("Calls 1/1", new() { Timeout = Wait }); // the call takes the voice slot

        // Mute is the SDK's own: the button follows the SDK's mute event.
        var mute = page.GetByTestId("call-mute");
        await mute.ClickAsync();
        await Expect(mute).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = Wait });
        await Expect(mute).ToHaveTextAsync("Unmute");
        await page.Keyboard.PressAsync("Alt+m");
        await Expect(mute).ToHaveAttributeAsync("aria-pressed", "false", new() { Timeout = Wait });
        await desk.Console.ScreenshotAsync("call-controls");

        Assert.Empty(desk.Browser.Escaped);
    }

    [Fact]
    public async Task HoldResumeAndHangUp_MoveTheCallerThroughTwilio_AndTheStatusLineFollows()
    {
        await using var desk = await Desk.OpenAsync();
        var page = desk.Console.Page;
        var (callSid, conversationId) = await desk.AcceptCallAsync();
        var leg = desk.Ring(Caller, await page.EvaluateAsync<string>(OfferScript));
        await desk.Signaling.WaitForAsync("answer", m => m.CallSid == leg);
        var status = page.GetByTestId("call-status");
        var hold = page.GetByTestId("call-hold");
        await Expect(status).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = Wait });

        await hold.ClickAsync();
        var held = await desk.Api.WaitForRequestAsync(r => r.Form.TryGetValue("Twiml", out var twiml) && twiml.Contains("/twilio/voice/hold</Redirect>", StringComparison.Ordinal));
        Assert.EndsWith($"/Calls/{callSid}.json", held.Path, StringComparison.Ordinal);
        Assert.Contains("<Redirect method=\"POST\">https://hub.example.test/twilio/voice/hold</Redirect>", held.Form["Twiml"], StringComparison.Ordinal);
        await Expect(status).ToHaveAttributeAsync("data-state", "onHold", new() { Timeout = Wait });
        await Expect(status).ToHaveTextAsync("On hold");
        await Expect(hold).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(hold).ToHaveTextAsync("Resume");
        await Expect(desk.Console.Message("The caller is on hold.")).ToHaveCountAsync(1, new() { Timeout = Wait });

        // Twilio drops the leg to this browser when the caller goes to hold music: still on hold, not ended.
        desk.Signaling.HangUp(leg);
        await Expect(page.GetByTestId("call-mute")).ToBeDisabledAsync(new() { Timeout = Wait });
        await Expect(status).ToHaveAttributeAsync("data-state", "onHold");

        await page.Keyboard.PressAsync("Alt+h");
        await WaitUntilAsync(() => desk.Api.Requests.Count(r => IsDialToAgent(r, desk.Agent.Agent.Id)) == 2, "a second Dial to the agent");
        await Expect(status).ToHaveAttributeAsync("data-state", "waiting", new() { Timeout = Wait });
        await Expect(hold).ToHaveTextAsync("Hold");
        var again = desk.Ring(Caller, await page.EvaluateAsync<string>(OfferScript));
        await desk.Signaling.WaitForAsync("answer", m => m.CallSid == again);
        await Expect(status).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = Wait });

        await page.GetByTestId("call-hangup").ClickAsync();
        var completed = await desk.Api.WaitForRequestAsync(r => r.Form.TryGetValue("Status", out var s) && s == "completed");
        Assert.EndsWith($"/Calls/{callSid}.json", completed.Path, StringComparison.Ordinal);
        await Expect(status).ToHaveAttributeAsync("data-state", "ended", new() { Timeout = Wait });
        await Expect(status).ToHaveTextAsync("Call ended");
        await desk.Signaling.WaitForAsync("hangup", m => m.CallSid == again);

        // Twilio's status callback then ends the conversation.
        var callback = await desk.Twilio.PostAsync("/twilio/voice/status", TwilioWebhooks.Call(callSid, Caller, "completed", ("CallDuration", "61")));
        Assert.Equal(HttpStatusCode.NoContent, callback.StatusCode);
        await Expect(page.GetByTestId("chat-closed")).ToBeVisibleAsync(ConsolePage.Visible);
        await Expect(page.GetByTestId("call-hangup")).ToHaveCountAsync(0);
        await Expect(desk.Console.TabFor(conversationId)).ToHaveClassAsync(new Regex("closed"));
        Assert.Empty(desk.Browser.Escaped);
    }

    [Fact]
    public async Task TranscriptionCallbacks_AppearLiveAsSpokenLines_InOrder_AndTheComposerWritesNotesOnly()
    {
        await using var desk = await Desk.OpenAsync();
        var page = desk.Console.Page;
        var (callSid, _) = await desk.AcceptCallAsync();
        var transcription = "GT" + Guid.NewGuid().ToString("N");

        await desk.TranscribeAsync(callSid, transcription, 1, LiveTranscription.Started);
        await desk.TranscribeAsync(callSid, transcription, 2, LiveTranscription.Content, "inbound_track", "My invoice shows the wrong amount.");
        await desk.TranscribeAsync(callSid, transcription, 3, LiveTranscription.Content, "outbound_track", "Let me", final: false);
        await desk.TranscribeAsync(callSid, transcription, 4, LiveTranscription.Content, "outbound_track", "Let me check that for you.");
        await desk.TranscribeAsync(callSid, transcription, 2, LiveTranscription.Content, "inbound_track", "My invoice shows the wrong amount.");
        await desk.TranscribeAsync(callSid, transcription, 5, LiveTranscription.Content, "inbound_track", "Thank you!");

        var spoken = desk.Console.Transcript.Locator("[data-testid=msg][data-kind=Transcript]");
        await Expect(spoken.Locator(".msg-text")).ToHaveTextAsync(["My invoice shows the wrong amount.", "Let me check that for you.", "Thank you!"], new() { Timeout = Wait });
        Assert.Equal(["caller", "agent", "caller"], await spoken.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.speaker)"));
        await Expect(spoken.First.Locator(".spoken-label")).ToHaveTextAsync("🎙 transcript");
        await Expect(spoken.Nth(1).Locator(".msg-from")).ToHaveTextAsync("Ada");
        await Expect(spoken.Locator(".receipt")).ToHaveCountAsync(0);

        // Nobody on a phone reads: what the agent writes is a private note.
        await Expect(page.Locator("#composer")).ToHaveAttributeAsync("data-mode", "note");
        await Expect(page.GetByTestId("note-toggle")).ToBeDisabledAsync();
        await desk.Console.SendAsync("Caller sounds upset, offered a credit note");
        await Expect(desk.Console.Message("Caller sounds upset, offered a credit note")).ToHaveAttributeAsync("data-kind", "PrivateNote");
        await desk.Console.ScreenshotAsync("call-transcript");

        await page.GetByTestId("lang").SelectOptionAsync("de");
        await Expect(spoken.First.Locator(".spoken-label")).ToHaveTextAsync("🎙 Transkript");
        await Expect(page.GetByTestId("call-hold")).ToHaveTextAsync("Halten");
        await Expect(page.GetByTestId("call-hangup")).ToHaveTextAsync("Auflegen");
        Assert.Empty(desk.Browser.Escaped);
    }

    [Fact]
    public async Task EscalatingACall_SendsTheCallerBackToTwiliosQueue_AndHandsTheConversationOn()
    {
        await using var desk = await Desk.OpenAsync();
        var page = desk.Console.Page;
        var (callSid, _) = await desk.AcceptCallAsync();

        await page.GetByTestId("action-escalate").ClickAsync();
        var dialog = page.GetByTestId("escalate-dialog");
        await dialog.Locator("select[name=level]").SelectOptionAsync("2");
        await dialog.Locator("input[name=reason]").FillAsync("refund above my limit");
        await dialog.Locator("textarea[name=note]").FillAsync("Caller wants 240 EUR back for invoice 2024-117");
        await dialog.GetByTestId("escalate-dialog-submit").ClickAsync();

        var requeued = await desk.Api.WaitForRequestAsync(r => r.Form.TryGetValue("Twiml", out var twiml) && twiml.Contains(">hub-voice</Enqueue>", StringComparison.Ordinal));
        Assert.EndsWith($"/Calls/{callSid}.json", requeued.Path, StringComparison.Ordinal);
        Assert.Contains("<Enqueue ", requeued.Form["Twiml"], StringComparison.Ordinal);
        await Expect(dialog).ToHaveCountAsync(0, new() { Timeout = Wait });
        await Expect(page.GetByTestId("chat-handed-off")).ToBeVisibleAsync(ConsolePage.Visible);
        await Expect(page.GetByTestId("call-hangup")).ToHaveCountAsync(0);
        Assert.Empty(desk.Browser.Escaped);
    }

    [Fact]
    public async Task AWarmTransfer_RingsTheColleagueIn_ThisBrowserFollowsTheCallerIntoTheConference_AndCompletingHandsTheCallOver()
    {
        await using var desk = await Desk.OpenAsync();
        var page = desk.Console.Page;
        var bob = await desk.Server.CreateAgentAsync("Bob", [2]);
        var bobClient = await desk.Server.ConnectAgentAsync(bob.Token);
        await bobClient.SetPresenceAsync(PresenceStatus.Available);
        var (_, conversationId) = await desk.AcceptCallAsync();
        var leg = desk.Ring(Caller, await page.EvaluateAsync<string>(OfferScript));
        await desk.Signaling.WaitForAsync("answer", m => m.CallSid == leg);
        var status = page.GetByTestId("call-status");
        await Expect(status).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = Wait });

        await page.GetByTestId("call-warm").ClickAsync();
        var dialog = page.GetByTestId("warm-dialog");
        await dialog.Locator("input[name=agent]").FillAsync(bob.Agent.Id);
        await dialog.Locator("textarea[name=note]").FillAsync("Refund above my limit");
        await dialog.GetByTestId("warm-dialog-submit").ClickAsync();

        var participants = $"/Conferences/hub-{conversationId}/Participants.json";
        await desk.Api.WaitForRequestAsync(r => r.Path.EndsWith(participants, StringComparison.Ordinal) && r.Form["To"] == $"client:{bob.Agent.Id}");
        await desk.Api.WaitForRequestAsync(r => r.Path.EndsWith(participants, StringComparison.Ordinal) && r.Form["To"] == $"client:{desk.Agent.Agent.Id}");
        await Expect(page.GetByTestId("call-warm-with")).ToHaveTextAsync($"{bob.Agent.Id} is joining the call", new() { Timeout = Wait });

        // Twilio drops this browser's leg as the caller moves into the conference, then rings the new one: answered at once.
        desk.Signaling.HangUp(leg);
        var conferenceLeg = desk.Ring(Caller, await page.EvaluateAsync<string>(OfferScript));
        await desk.Signaling.WaitForAsync("answer", m => m.CallSid == conferenceLeg);
        await Expect(status).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = Wait });

        await page.GetByTestId("call-warm-complete").ClickAsync();

        var removed = await desk.Api.WaitForRequestAsync(r => r.Method == "DELETE");
        Assert.EndsWith($"/Conferences/hub-{conversationId}/Participants/{desk.Agent.Agent.Id}.json", removed.Path, StringComparison.Ordinal);
        Assert.Equal(bob.Agent.Id, (await desk.Server.Service<IConversationStore>().GetAsync(conversationId))!.AssignedAgentId);
        await Expect(page.GetByTestId("call-hangup")).ToHaveCountAsync(0, new() { Timeout = Wait });
        await desk.Signaling.WaitForAsync("hangup", m => m.CallSid == conferenceLeg); // this browser leaves the call
        Assert.Empty(desk.Browser.Escaped);
    }

    [Fact]
    public async Task ACallbackRequest_IsOfferedAsACall_ThatShowsWhoToCallBack_AndCallsThemBackThroughTheTwimlApp()
    {
        await using var desk = await Desk.OpenAsync(loginFirst: false);
        var page = desk.Console.Page;
        var callSid = "CA" + Guid.NewGuid().ToString("N");

        // Nobody online: the caller is offered a voicemail or a callback, and asks for the callback.
        var menu = await (await desk.Twilio.PostAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Caller, extra: ("Digits", "1")))).Content.ReadAsStringAsync();
        Assert.Contains("/twilio/voice/message", menu, StringComparison.Ordinal);
        var callback = await desk.Twilio.PostAsync("/twilio/voice/message", TwilioWebhooks.Call(callSid, Caller, extra: ("Digits", "2")));
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);

        await desk.LoginAsync();
        await desk.Console.SetPresenceAsync("Available");
        var followUp = CallConversations.FollowUpId(callSid);
        await Expect(desk.Console.OfferFor(followUp).GetByTestId("offer-voice")).ToBeVisibleAsync(ConsolePage.Visible);
        await desk.Console.AcceptAsync(followUp);

        await Expect(page.GetByTestId("call-back")).ToHaveTextAsync($"Call back {Caller}", new() { Timeout = Wait });
        await Expect(desk.Console.Message($"Callback requested: please call {Caller} back.")).ToHaveCountAsync(1, new() { Timeout = Wait });
        await Expect(page.GetByTestId("call-status")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("call-hold")).ToHaveCountAsync(0);
        Assert.DoesNotContain(desk.Api.Requests, r => r.Path.Contains(callSid, StringComparison.Ordinal));

        // Calling back: the SDK asks Twilio (here the fake gateway) to place a call through the TwiML
        // app, naming the task; Hub's /twilio/voice/outgoing then dials the customer (VoiceFollowUpTests).
        await page.GetByTestId("call-back-now").ClickAsync();
        var invite = await desk.Signaling.WaitForAsync("invite");
        Assert.Contains($"ConversationId={Uri.EscapeDataString(followUp)}", invite.Payload.ToJsonString(), StringComparison.Ordinal);
        await Expect(page.GetByTestId("call-status")).ToBeVisibleAsync(ConsolePage.Visible);
        await Expect(page.GetByTestId("call-back-now")).ToHaveCountAsync(0);
        await page.GetByTestId("call-hangup").ClickAsync();
        await Expect(page.GetByTestId("call-back-now")).ToBeVisibleAsync(ConsolePage.Visible);
        Assert.Empty(desk.Browser.Escaped);
    }

    [Fact]
    public async Task ThePhone_FetchesANewTokenWhenTheSdkSaysItsTokenWillExpire()
    {
        // A token that ends in 20 s: the SDK warns at once (the console asks 30 s ahead).
        await using var desk = await Desk.OpenAsync(new FakeSignaling { FirstTokenTtlSeconds = 20 });

        await WaitUntilAsync(() => desk.Signaling.Received.Count(m => m.Type == "listen") >= 2, "a second listen with a renewed token");
        Assert.True(desk.Browser.Requested.Count(u => u.EndsWith("/api/voice/token", StringComparison.Ordinal)) >= 2);
        var renewed = desk.Signaling.Received.Where(m => m.Type == "listen").Skip(1).First().Payload["token"]!.GetValue<string>();
        Assert.Equal(desk.Agent.Agent.Id, FakeSignaling.IdentityOf(renewed));
        await Expect(desk.Console.Page.GetByTestId("phone")).ToHaveAttributeAsync("data-state", "registered", new() { Timeout = Wait });
        Assert.Empty(desk.Browser.Escaped);
    }

    [Fact]
    public async Task WithVoiceOff_TheConsoleShowsNoPhone_AndNeverLoadsTheVoiceSdk()
    {
        await using var server = HubServer.Start(settings: ConsoleSettings.FastRouting());
        await using var browser = await PhoneBrowser.LaunchAsync();
        var login = await server.CreateAgentAsync("Ada", [1]);
        var (console, signaling) = await browser.OpenAsync(server);

        var token = await console.Page.RunAndWaitForResponseAsync(() => console.LoginAsync(login.Agent.Email), r => r.Url.EndsWith("/api/voice/token", StringComparison.Ordinal));
        Assert.Equal((int)HttpStatusCode.NotFound, token.Status);
        await console.SetPresenceAsync("Available");
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var started = await customer.StartAsync("Where is my parcel?");
        await console.AcceptAsync(started.ConversationId);

        await Expect(console.Page.GetByTestId("phone")).ToHaveCountAsync(0);
        await Expect(console.Page.GetByTestId("call-bar")).ToHaveCountAsync(0);
        await Expect(console.Page.GetByTestId("offer-voice")).ToHaveCountAsync(0);
        Assert.DoesNotContain(browser.Requested, u => u.Contains("console-voice.js", StringComparison.Ordinal));
        Assert.Empty(signaling.Received);
        Assert.Empty(browser.Escaped);
    }

    /// <summary>TwiML that dials the agent's browser client (Dial's attributes may vary: action, timeout, caller id).</summary>
    private static bool IsDialToAgent(FakeTwilioApi.RecordedRequest request, string agentId) =>
        request.Form.TryGetValue("Twiml", out var twiml) && Regex.IsMatch(twiml, $"<Dial( [^>]*)?><Client><Identity>{Regex.Escape(agentId)}</Identity>");

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + HubServer.Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Waited in vain for " + what + ".");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>One agent's console with its phone, a Hub server with voice on, and Twilio's REST API faked.</summary>
    private sealed class Desk : IAsyncDisposable
    {
        private Desk(FakeTwilioApi api, HubServer server, PhoneBrowser browser, ConsolePage console, FakeSignaling signaling, LoginResult agent)
        {
            Api = api;
            Server = server;
            Browser = browser;
            Console = console;
            Signaling = signaling;
            Agent = agent;
            Twilio = new TwilioWebhooks(server.Http, ConsoleSettings.TwilioPublicBaseUrl, ConsoleSettings.TwilioAuthToken);
        }

        public FakeTwilioApi Api { get; }

        public HubServer Server { get; }

        public PhoneBrowser Browser { get; }

        public ConsolePage Console { get; }

        public FakeSignaling Signaling { get; }

        public LoginResult Agent { get; }

        public TwilioWebhooks Twilio { get; }

        /// <summary>The Voice SDK token the console got from GET /api/voice/token.</summary>
        public string VoiceToken { get; private set; } = "";

        public static async Task<Desk> OpenAsync(FakeSignaling? signaling = null, bool loginFirst = true)
        {
            var api = await FakeTwilioApi.StartAsync();
            var server = HubServer.Start(settings: ConsoleSettings.Voice(api.BaseAddress));
            var browser = await PhoneBrowser.LaunchAsync();
            var agent = await server.CreateAgentAsync("Ada", [1]);
            var (console, fake) = await browser.OpenAsync(server, signaling);
            var desk = new Desk(api, server, browser, console, fake, agent);
            if (loginFirst)
            {
                await desk.LoginAsync();
            }

            return desk;
        }

        public async Task LoginAsync()
        {
            var response = await Console.Page.RunAndWaitForResponseAsync(() => Console.LoginAsync(Agent.Agent.Email), r => r.Url.EndsWith("/api/voice/token", StringComparison.Ordinal));
            Assert.True(response.Ok, response.StatusText);
            using var body = JsonDocument.Parse(await response.TextAsync());
            VoiceToken = body.RootElement.GetProperty("token").GetString()!;
        }

        /// <summary>A caller walks the menu (1: billing) and is queued.</summary>
        public async Task<string> PlaceCallAsync()
        {
            var callSid = "CA" + Guid.NewGuid().ToString("N");
            var response = await Twilio.PostAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, Caller, extra: ("Digits", "1")));
            var twiml = await response.Content.ReadAsStringAsync();
            Assert.Contains(">hub-voice</Enqueue>", twiml, StringComparison.Ordinal);
            return callSid;
        }

        /// <summary>A call offered to this agent and accepted in the console; Twilio was told to dial the agent.</summary>
        public async Task<(string CallSid, string ConversationId)> AcceptCallAsync()
        {
            await Console.SetPresenceAsync("Available");
            var callSid = await PlaceCallAsync();
            var conversationId = CallConversations.LiveId(callSid);
            await Console.AcceptAsync(conversationId);
            await Api.WaitForRequestAsync(r => r.Path.EndsWith($"/Calls/{callSid}.json", StringComparison.Ordinal) && IsDialToAgent(r, Agent.Agent.Id));
            return (callSid, conversationId);
        }

        /// <summary>Rings the console's phone with a new call leg from <paramref name="from"/>; returns the leg's CallSid.</summary>
        public string Ring(string from, string sdp)
        {
            var leg = "CA" + Guid.NewGuid().ToString("N");
            Signaling.Invite(leg, from, "client:" + Agent.Agent.Id, sdp);
            return leg;
        }

        /// <summary>A real-time transcription callback as Twilio posts it.</summary>
        public async Task TranscribeAsync(string callSid, string transcriptionSid, int sequence, string transcriptionEvent, string? track = null, string? text = null, bool final = true)
        {
            var extra = new List<(string, string)>
            {
                ("TranscriptionSid", transcriptionSid),
                ("TranscriptionEvent", transcriptionEvent),
                ("SequenceId", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Timestamp", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            };
            if (text is not null)
            {
                extra.Add(("TranscriptionData", JsonSerializer.Serialize(new { transcript = text, confidence = 0.9 })));
                extra.Add(("Track", track!));
                extra.Add(("Final", final ? "true" : "false"));
            }

            var response = await Twilio.PostAsync("/twilio/voice/transcription", TwilioWebhooks.Call(callSid, Caller, extra: [.. extra]));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            await Server.DisposeAsync();
            await Api.DisposeAsync();
        }
    }
}

using System.Net.Http.Json;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Calls;

/// <summary>The call path with the routing state on a real Redis: voice slots are taken and freed by the Lua scripts.</summary>
public sealed class RedisVoiceTests
{
    [Fact]
    public async Task OnRedis_ACallMissedByOneAgent_GoesToTheNext_AndHangingUpFreesTheVoiceSlot()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        var settings = Voice.Settings(api.BaseAddress);
        settings["ConnectionStrings:Redis"] = (await RedisServer.SharedAsync()).ConnectionString;
        settings["Hub:Redis:KeyPrefix"] = $"voice:{Guid.NewGuid():N}:";
        await using var server = HubServer.Start(settings: settings);
        var (_, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);

        var (callSid, conversationId) = await twilio.ConnectedCallAsync(api, ada);
        Assert.Equal(1, (await ada.PresenceAsync()).VoiceLoad);
        await twilio.TwimlAsync("/twilio/voice/dial-result", TwilioWebhooks.Call(callSid, Voice.Caller, extra: ("DialCallStatus", "no-answer")));
        var missed = await ada.PresenceAsync();
        Assert.Equal((PresenceStatus.Away, 0), (missed.Status, missed.VoiceLoad));

        var (bobLogin, bob) = await Voice.AvailableAgentAsync(server, "Bob", [1]);
        await bob.Offers.WaitForAsync(o => o.ConversationId == conversationId);
        await bob.AcceptAsync(conversationId);
        await api.WaitForTwimlAsync(callSid, $"<Identity>{bobLogin.Agent.Id}</Identity>");
        Assert.Equal(1, (await bob.PresenceAsync()).VoiceLoad);

        await twilio.CallbackAsync("/twilio/voice/status", TwilioWebhooks.Call(callSid, Voice.Caller, "completed"));
        Assert.Equal(0, (await bob.PresenceAsync()).VoiceLoad);
        Assert.Equal(ConversationStatus.Ended, (await server.Service<IConversationStore>().GetAsync(conversationId))!.Status);
        Assert.Empty(await server.Service<IRoutingState>().GetLoadAsync(bobLogin.Agent.Id));
        Assert.Equal("redis", (await server.Http.GetFromJsonAsync<Dictionary<string, string>>("/health"))!["routingState"]);
    }
}

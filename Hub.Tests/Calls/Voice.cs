using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Calls;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Calls;

/// <summary>What every phone test shares: voice settings against the fake REST API, signed webhooks, call ids.</summary>
internal static class Voice
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "test-twilio-auth-token";
    public const string PublicBaseUrl = "https://hub.example.test";
    public const string Caller = "+4917012345678";

    public static Dictionary<string, string?> Settings(Uri apiBase) => new()
    {
        ["Hub:Routing:SweepInterval"] = "00:00:00.100",
        ["Hub:Routing:OfferTimeout"] = "00:00:10",
        ["Hub:Routing:Topics:billing"] = "billing",
        ["Hub:Routing:Topics:technical"] = "technical",
        ["Hub:Twilio:AccountSid"] = AccountSid,
        ["Hub:Twilio:AuthToken"] = AuthToken,
        ["Hub:Twilio:PublicBaseUrl"] = PublicBaseUrl,
        ["Hub:Twilio:ApiBaseUrl"] = apiBase.ToString(),
    };

    public static TwilioWebhooks Twilio(HubServer server) => new(server.Http, PublicBaseUrl, AuthToken);

    public static string NewCallSid() => "CA" + Guid.NewGuid().ToString("N");

    /// <summary>Posts a webhook and returns its TwiML, failing on anything but 200.</summary>
    public static async Task<string> TwimlAsync(this TwilioWebhooks twilio, string path, IReadOnlyDictionary<string, string> parameters)
    {
        using var response = await twilio.PostAsync(path, parameters);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    /// <summary>Posts a callback that answers no TwiML (204).</summary>
    public static async Task CallbackAsync(this TwilioWebhooks twilio, string path, IReadOnlyDictionary<string, string> parameters)
    {
        using var response = await twilio.PostAsync(path, parameters);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>An agent whose console is connected and who is online but not taking offers: calls queue, nobody gets them yet.</summary>
    public static async Task<AgentClient> BusyAgentAsync(HubServer server, string name, int[] levels)
    {
        var login = await server.CreateAgentAsync(name, levels);
        var agent = await server.ConnectAgentAsync(login.Token);
        await agent.SetPresenceAsync(PresenceStatus.Busy);
        return agent;
    }

    /// <summary>An agent whose console is connected and who takes offers.</summary>
    public static async Task<(LoginResult Login, AgentClient Client)> AvailableAgentAsync(HubServer server, string name, int[] levels, string[]? skills = null)
    {
        var login = await server.CreateAgentAsync(name, levels, skills: skills);
        var agent = await server.ConnectAgentAsync(login.Token);
        await agent.SetPresenceAsync(PresenceStatus.Available);
        return (login, agent);
    }

    /// <summary>A call (from <paramref name="from"/>: another number is another customer and ticket) that walks the menu (billing), is offered to <paramref name="agent"/>, accepted and bridged; returns its CallSid and conversation id.</summary>
    public static async Task<(string CallSid, string ConversationId)> ConnectedCallAsync(this TwilioWebhooks twilio, FakeTwilioApi api, AgentClient agent, string from = Caller)
    {
        var callSid = NewCallSid();
        var conversationId = CallConversations.LiveId(callSid);
        await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(callSid, from, extra: ("Digits", "1")));
        await agent.Offers.WaitForAsync(o => o.ConversationId == conversationId);
        await agent.AcceptAsync(conversationId);
        await api.WaitForTwimlAsync(callSid, "<Dial");
        return (callSid, conversationId);
    }

    public static Task<PresenceDto> PresenceAsync(this AgentClient agent) =>
        agent.Connection.InvokeAsync<PresenceDto>(nameof(AgentHub.GetPresence)).WaitAsync(HubServer.Timeout);

    /// <summary>Waits until the fake saw an update of the call whose TwiML contains <paramref name="fragment"/>.</summary>
    public static async Task<string> WaitForTwimlAsync(this FakeTwilioApi api, string callSid, string fragment)
    {
        var update = await api.WaitForRequestAsync(r =>
            r.Path == $"/2010-04-01/Accounts/{AccountSid}/Calls/{callSid}.json" && r.Form.TryGetValue("Twiml", out var twiml) && twiml.Contains(fragment, StringComparison.Ordinal));
        Assert.Equal("POST", update.Method);
        Assert.StartsWith("Basic ", update.Authorization, StringComparison.Ordinal);
        return update.Form["Twiml"];
    }
}

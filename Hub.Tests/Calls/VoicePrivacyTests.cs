using SupportHub.Server.Features.Calls;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Tickets;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Calls;

/// <summary>A keyed-in ticket number proves nothing, and a withheld number is nobody in particular.</summary>
public sealed class VoicePrivacyTests
{
    private const string Stranger = "+4915177777777";

    [Fact]
    public async Task ACallerKeyingInSomeoneElsesTicket_GetsATicketOfTheirOwn_AndTheAgentSeesAnUnverifiedHint_WhileTheTicketsCustomerJoinsIt()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        await Voice.BusyAgentAsync(server, "Ada", [1]);
        var now = DateTimeOffset.UtcNow;
        var owner = await server.Service<ICustomerStore>().CreateAsync(new Customer { Id = "c-" + Guid.NewGuid().ToString("N"), Name = "Carla", PhoneNumber = Voice.Caller, CreatedAt = now });
        var ticket = await server.Service<ITicketStore>().CreateAsync(new Ticket
        {
            Id = "t-" + Guid.NewGuid().ToString("N"),
            CustomerId = owner.Id,
            Subject = "billing",
            Status = TicketStatus.Open,
            Level = 1,
            LevelHistory = [new LevelChange { Level = 1, At = now, Reason = "opened" }],
            CreatedAt = now,
            UpdatedAt = now,
        });
        var twilio = Voice.Twilio(server);
        var strangerCall = Voice.NewCallSid();
        var ownerCall = Voice.NewCallSid();

        var heard = await twilio.TwimlAsync("/twilio/voice/ticket", TwilioWebhooks.Call(strangerCall, Stranger, extra: ("Digits", ticket.Number + "#")));
        await twilio.TwimlAsync("/twilio/voice/ticket", TwilioWebhooks.Call(ownerCall, Voice.Caller, extra: ("Digits", ticket.Number + "#")));

        Assert.DoesNotContain("working on ticket", heard, StringComparison.Ordinal);
        var store = server.Service<IConversationStore>();
        var stranger = (await store.GetAsync(CallConversations.LiveId(strangerCall)))!;
        Assert.NotEqual(ticket.Id, stranger.TicketId);
        var stored = (await server.Service<ITicketStore>().GetAsync(ticket.Id))!;
        Assert.DoesNotContain(stranger.Id, stored.ConversationIds);
        Assert.Contains(CallConversations.LiveId(ownerCall), stored.ConversationIds);
        var transcript = await store.GetMessagesAsync(stranger.Id, 0, 50, includePrivateNotes: true);
        Assert.Contains(transcript, m => m.Text.StartsWith($"The caller named ticket #{ticket.Number} (unverified", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallsFromWithheldNumbers_AreNeverOneCustomer_AndTheirTasksSayNoNumberIsKnown()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        await Voice.BusyAgentAsync(server, "Ada", [1]);
        var twilio = Voice.Twilio(server);
        string[] withheld = ["anonymous", "Anonymous", "Restricted", "+266696687"];
        var calls = withheld.Select(_ => Voice.NewCallSid()).ToArray();

        for (var i = 0; i < calls.Length; i++)
        {
            await twilio.TwimlAsync("/twilio/voice/menu", TwilioWebhooks.Call(calls[i], withheld[i], extra: ("Digits", "1")));
        }

        var store = server.Service<IConversationStore>();
        var conversations = await Task.WhenAll(calls.Select(c => store.GetAsync(CallConversations.LiveId(c))));
        Assert.Equal(calls.Length, conversations.Select(c => c!.CustomerId).Distinct().Count());
        Assert.Equal(calls.Length, conversations.Select(c => c!.TicketId).Distinct().Count());
        Assert.All(conversations, c => Assert.Null(c!.Call!.CallerNumber));

        await twilio.TwimlAsync("/twilio/voice/message", TwilioWebhooks.Call(calls[0], withheld[0], extra: ("Digits", "2")));
        var task = await store.GetMessagesAsync(CallConversations.FollowUpId(calls[0]), 0, 50, includePrivateNotes: true);
        Assert.Equal("Callback requested, but the caller's number is withheld: no number is known to call back.", task[0].Text);
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;
using Twilio.TwiML;

namespace SupportHub.Server.Features.Calls;

/// <summary>The caller chooses: a topic of the menu (key or speech), or * and a ticket number. Then the call becomes a conversation.</summary>
internal static class MenuWebhooks
{
    public static ContentHttpResult Incoming(CallWebhook hook, CallTwiml twiml) => CallTwiml.Result(twiml.MainMenu(retry: false));

    public static async Task<IResult> MenuAsync(CallWebhook hook, StartCall start, RoutingGateway queue, CallTwiml twiml, CancellationToken ct)
    {
        if (hook.Digits?.Trim() == "*")
        {
            return CallTwiml.Result(twiml.TicketPrompt(null));
        }

        return twiml.Menu.TryChoose(hook.Digits, hook.SpeechResult, out var topic)
            ? await StartAsync(hook, start, queue, twiml, topic, null, twiml.Texts.PleaseHold, ct)
            : CallTwiml.Result(twiml.MainMenu(retry: true));
    }

    public static async Task<IResult> TicketAsync(CallWebhook hook, StartCall start, RoutingGateway queue, CallTwiml twiml, CancellationToken ct)
    {
        var texts = twiml.Texts;
        var digits = hook.Digits?.Trim('#', ' ') ?? "";
        if (digits.Length == 0)
        {
            return CallTwiml.Result(twiml.MainMenu(retry: true));
        }

        var ticket = await start.FindOpenTicketAsync(digits, ct);
        if (ticket is null)
        {
            return CallTwiml.Result(twiml.TicketPrompt(texts.TicketUnknown(CallTexts.Digits(digits))));
        }

        // Only the ticket's own customer joins it; anyone else gets a ticket of their own, and the agent a hint.
        return await start.IsCallersAsync(ticket, hook.CallSid, hook.From, ct)
            ? await StartAsync(hook, start, queue, twiml, null, ticket, texts.TicketFound(CallTexts.Digits(ticket.Number)), ct)
            : await StartAsync(hook, start, queue, twiml, null, null, texts.PleaseHold, ct, ticket.Number);
    }

    /// <summary>The call becomes a conversation; it waits in the queue, or, with nobody to answer, is offered voicemail or a callback.</summary>
    private static async Task<IResult> StartAsync(
        CallWebhook hook, StartCall start, RoutingGateway queue, CallTwiml twiml, string? topic, Ticket? ticket, string greeting, CancellationToken ct,
        long? namedTicket = null)
    {
        var texts = twiml.Texts;
        var availability = await queue.AvailabilityAsync();
        var call = await start.StartAsync(hook.CallSid, hook.From, topic, ticket, queueNow: availability.CanAnswer, ct, namedTicket);
        if (!availability.CanAnswer && call.IsWaiting)
        {
            var sorry = twiml.Say(new VoiceResponse(), availability.Reason == RoutingAvailability.OutsideHours ? texts.OutsideHours : texts.NobodyAvailable);
            return CallTwiml.Result(twiml.MessageMenu(sorry));
        }

        return CallTwiml.Result(twiml.Enqueue(twiml.Say(new VoiceResponse(), greeting)));
    }
}

using Gather = Twilio.TwiML.Voice.Gather;
using Say = Twilio.TwiML.Voice.Say;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// What the phone line says, in English or German (<c>Hub:Twilio:Language</c>). The menu is built
/// from the configured topics (<see cref="CallMenu"/>); <see cref="KnownTopics"/> gives well-known
/// topics a label and a spoken word in the line's language, any other topic is read as it is named.
/// </summary>
internal sealed record CallTexts(
    Say.LanguageEnum SayLanguage,
    Gather.LanguageEnum GatherLanguage,
    string LanguageCode,
    string Welcome,
    string Sorry,
    Func<string, int, string, string> MenuChoice,
    string MenuAgent,
    string MenuTicket,
    IReadOnlyDictionary<string, (string Label, string Word)> KnownTopics,
    string PleaseHold,
    string Connecting,
    Func<int, string> Position,
    Func<int, string> EstimatedWait,
    string LeaveQueueHint,
    string TicketPrompt,
    Func<string, string> TicketUnknown,
    Func<string, string> TicketFound,
    string NobodyAvailable,
    string OutsideHours,
    string MessageMenu,
    string RecordPrompt,
    Func<string, string> VoicemailSaved,
    Func<string, string> CallbackSaved,
    Func<int, string> PassedOn,
    string OnHold,
    string AgentMissed,
    string CallAgainLater)
{
    private static readonly CallTexts English = new(
        Say.LanguageEnum.EnUs,
        Gather.LanguageEnum.EnUs,
        "en-US",
        "Welcome to support.",
        "Sorry, I did not get that.",
        (label, digit, word) => $"For {label}, press {digit} or say {word}.",
        "To speak to an agent, press 1.",
        "If you have a ticket number, press star.",
        new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase) { ["billing"] = ("billing", "billing"), ["technical"] = ("technical questions", "technical") },
        "Thank you. Please hold, we connect you with the next free agent.",
        "Connecting you now.",
        p => p == 1 ? "You are next in line." : $"You are number {p} in line.",
        m => m <= 1 ? "The estimated wait is about one minute." : $"The estimated wait is about {m} minutes.",
        "To leave a voicemail or ask for a callback instead, press any key.",
        "Please enter your ticket number, then press the hash key.",
        n => $"Sorry, I found no open ticket with the number {n}.",
        n => $"Thank you. We connect you with the team working on ticket {n}.",
        "Sorry, nobody can take your call right now.",
        "We are outside our business hours.",
        "To leave a voicemail, press 1. To have us call you back at the number you are calling from, press 2.",
        "Please leave your message after the tone. Press the hash key when you are done.",
        n => $"Thank you. Your message is saved as ticket {n}. Goodbye.",
        n => $"Thank you. We will call you back. Your ticket number is {n}. Goodbye.",
        l => $"We are passing your call to our level {l} support team. Please hold.",
        "Please hold the line.",
        "Sorry, your agent could not be reached. We connect you with the next free agent.",
        "Please call again later. Goodbye.");

    private static readonly CallTexts German = new(
        Say.LanguageEnum.DeDe,
        Gather.LanguageEnum.DeDe,
        "de-DE",
        "Willkommen beim Support.",
        "Entschuldigung, das habe ich nicht verstanden.",
        (label, digit, word) => $"Für {label} drücken Sie die {digit} oder sagen Sie {word}.",
        "Um mit einem Mitarbeiter zu sprechen, drücken Sie die 1.",
        "Wenn Sie eine Ticketnummer haben, drücken Sie die Sterntaste.",
        new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase) { ["billing"] = ("Fragen zur Rechnung", "Rechnung"), ["technical"] = ("technische Fragen", "Technik") },
        "Danke. Bitte bleiben Sie dran, wir verbinden Sie mit dem nächsten freien Mitarbeiter.",
        "Sie werden jetzt verbunden.",
        p => p == 1 ? "Sie sind als Nächstes an der Reihe." : $"Sie sind an Position {p} in der Warteschlange.",
        m => m <= 1 ? "Die Wartezeit beträgt etwa eine Minute." : $"Die Wartezeit beträgt etwa {m} Minuten.",
        "Um stattdessen eine Nachricht zu hinterlassen oder um Rückruf zu bitten, drücken Sie eine beliebige Taste.",
        "Bitte geben Sie Ihre Ticketnummer ein und drücken Sie dann die Rautetaste.",
        n => $"Entschuldigung, ich habe kein offenes Ticket mit der Nummer {n} gefunden.",
        n => $"Danke. Wir verbinden Sie mit dem Team, das Ticket {n} bearbeitet.",
        "Leider kann gerade niemand Ihren Anruf annehmen.",
        "Wir sind außerhalb unserer Geschäftszeiten.",
        "Um eine Nachricht zu hinterlassen, drücken Sie die 1. Für einen Rückruf an die Nummer, von der Sie anrufen, drücken Sie die 2.",
        "Bitte sprechen Sie nach dem Signalton. Drücken Sie die Rautetaste, wenn Sie fertig sind.",
        n => $"Danke. Ihre Nachricht ist als Ticket {n} gespeichert. Auf Wiederhören.",
        n => $"Danke. Wir rufen Sie zurück. Ihre Ticketnummer ist {n}. Auf Wiederhören.",
        l => $"Wir geben Ihren Anruf an unser Support-Team der Stufe {l} weiter. Bitte bleiben Sie dran.",
        "Bitte bleiben Sie in der Leitung.",
        "Entschuldigung, Ihr Mitarbeiter ist nicht erreichbar. Wir verbinden Sie mit dem nächsten freien Mitarbeiter.",
        "Bitte rufen Sie später noch einmal an. Auf Wiederhören.");

    public static CallTexts For(string? language) =>
        language is not null && language.StartsWith("de", StringComparison.OrdinalIgnoreCase) ? German : English;

    /// <summary>A number read digit by digit ("1 0 4 2"), as callers key it in.</summary>
    public static string Digits(long number) => Digits(number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The digits of what a caller keyed in, read one by one, however many there are.</summary>
    public static string Digits(string keyed) => string.Join(' ', keyed.Where(char.IsAsciiDigit));
}

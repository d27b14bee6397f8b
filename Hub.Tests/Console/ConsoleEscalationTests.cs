using SupportHub.Server.Features.Chat;
using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Console;

/// <summary>Escalation between two consoles (two browser profiles), with notes kept from the customer.</summary>
public sealed class ConsoleEscalationTests
{
    private static readonly TimeSpan Wait = HubServer.Timeout;

    [Fact]
    public async Task AFirstLevelAgent_EscalatesToThirdLevel_WhoSeesTheWholeTranscriptAndTheHandoffNote_AndNotesNeverReachTheCustomer()
    {
        await using var server = HubServer.Start(settings: ConsoleSettings.FastRouting());
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var ada = await server.CreateAgentAsync("Ada", [1]);
        var cleo = await server.CreateAgentAsync("Cleo", [3]);
        var first = await ConsolePage.OpenAsync(browser, server);
        await first.LoginAsync(ada.Agent.Email);
        await first.SetPresenceAsync("Available");
        var third = await ConsolePage.OpenAsync(browser, server);
        await third.LoginAsync(cleo.Agent.Email);
        await third.SetPresenceAsync("Available");

        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var started = await customer.StartAsync("Export fails with umlauts");
        await first.AcceptAsync(started.ConversationId);
        await first.SendAsync("Which version do you run?");
        await customer.SendAsync(started.ConversationId, "3.2.1");
        await Expect(first.Message("3.2.1")).ToHaveCountAsync(1, new() { Timeout = ConsolePage.Ms(Wait) });

        // A private note through the note toggle (Alt+N), then back to messages.
        await first.Composer.PressAsync("Alt+n");
        await Expect(first.Page.Locator("#composer")).ToHaveAttributeAsync("data-mode", "note");
        await first.SendAsync("Internal: reproduced on staging");
        await Expect(first.Message("Internal: reproduced on staging")).ToHaveAttributeAsync("data-kind", "PrivateNote");
        await first.Page.GetByTestId("note-toggle").ClickAsync();
        await Expect(first.Page.Locator("#composer")).ToHaveAttributeAsync("data-mode", "message");

        await first.Page.GetByTestId("action-escalate").ClickAsync();
        var dialog = first.Page.GetByTestId("escalate-dialog");
        await dialog.Locator("select[name=level]").SelectOptionAsync("3");
        await dialog.Locator("input[name=reason]").FillAsync("database corruption suspected");
        await dialog.GetByTestId("escalate-dialog-submit").ClickAsync();
        await Expect(dialog.Locator(".dialog-error")).ToHaveTextAsync("A hand-off note is required.");
        await dialog.Locator("textarea[name=note]").FillAsync("Export fails on 3.2.1 for invoices with umlauts");
        await dialog.GetByTestId("escalate-dialog-submit").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0, new() { Timeout = ConsolePage.Ms(Wait) });
        await Expect(first.Page.GetByTestId("chat-handed-off")).ToBeVisibleAsync(ConsolePage.Visible);

        await third.AcceptAsync(started.ConversationId);
        foreach (var text in new[] { "Export fails with umlauts", "Which version do you run?", "3.2.1", "Internal: reproduced on staging", "Your conversation was passed to our level 3 support team. Someone will be with you shortly." })
        {
            await Expect(third.Message(text)).ToHaveCountAsync(1, new() { Timeout = ConsolePage.Ms(Wait) });
        }

        var handoff = third.Message("Hand-off to level 3 (database corruption suspected): Export fails on 3.2.1 for invoices with umlauts");
        await Expect(handoff).ToHaveAttributeAsync("data-kind", "PrivateNote");
        await Expect(third.Page.GetByTestId("level-history")).ToContainTextAsync("database corruption suspected", new() { Timeout = ConsolePage.Ms(Wait) });
        await third.SendAsync("Hi, level 3 here.");
        await customer.Messages.WaitForAsync(m => m.Text == "Hi, level 3 here.");

        var seen = customer.Messages.Snapshot();
        Assert.DoesNotContain(seen, m => m.Kind == MessageKind.PrivateNote);
        Assert.DoesNotContain(seen, m => m.Text.Contains("Internal", StringComparison.Ordinal) || m.Text.Contains("Hand-off", StringComparison.Ordinal));
        var resumed = await customer.ResumeAsync(started.ConversationId, 0);
        Assert.DoesNotContain(resumed.Messages, m => m.Kind == MessageKind.PrivateNote);
    }
}

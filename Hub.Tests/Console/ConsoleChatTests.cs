using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Console;

/// <summary>The agent console in headless chromium against the real server; customers are SignalR clients.</summary>
public sealed class ConsoleChatTests
{
    private static readonly TimeSpan Wait = HubServer.Timeout;

    [Fact]
    public async Task AnAgent_LogsIn_AcceptsAnOffer_AndBothSidesSeeEachMessageOnce()
    {
        await using var server = HubServer.Start(settings: ConsoleSettings.FastRouting());
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var ada = await server.CreateAgentAsync("Ada", [1]);
        var console = await ConsolePage.OpenAsync(browser, server);
        await console.LoginAsync(ada.Agent.Email);
        await console.SetPresenceAsync("Available");

        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var started = await customer.StartAsync("My invoice is wrong");
        await Expect(console.OfferFor(started.ConversationId).GetByTestId("offer-customer")).ToHaveTextAsync("Carla Customer", new() { Timeout = ConsolePage.Ms(Wait) });
        await console.AcceptAsync(started.ConversationId);
        await Expect(console.Offers).ToHaveCountAsync(0, new() { Timeout = ConsolePage.Ms(Wait) });
        await Expect(console.Message("My invoice is wrong")).ToHaveCountAsync(1, new() { Timeout = ConsolePage.Ms(Wait) });
        await customer.Changes.WaitForAsync(c => c.Status == ConversationStatus.Active && c.AssignedAgentName == "Ada");

        await console.SendAsync("Hello, which invoice?");
        await customer.Messages.WaitForAsync(m => m.Text == "Hello, which invoice?");
        await customer.SendAsync(started.ConversationId, "Number 4711");
        await Expect(console.Message("Number 4711")).ToHaveCountAsync(1, new() { Timeout = ConsolePage.Ms(Wait) });
        await console.SendAsync("Thanks, fixed.");
        await customer.Messages.WaitForAsync(m => m.Text == "Thanks, fixed.");

        // Let any late duplicate arrive before counting.
        await customer.SendAsync(started.ConversationId, "Great");
        await Expect(console.Message("Great")).ToHaveCountAsync(1, new() { Timeout = ConsolePage.Ms(Wait) });
        foreach (var text in new[] { "My invoice is wrong", "Hello, which invoice?", "Number 4711", "Thanks, fixed.", "Great" })
        {
            await Expect(console.Message(text)).ToHaveCountAsync(1);
        }

        var seen = customer.Messages.Snapshot();
        Assert.Single(seen, m => m.Text == "Hello, which invoice?");
        Assert.Single(seen, m => m.Text == "Thanks, fixed.");

        // A reload keeps the session, the presence and the chat; logging out hands the chat back.
        await console.Page.GotoAsync("/console");
        Assert.EndsWith("/console/", console.Page.Url, StringComparison.Ordinal);
        await Expect(console.Page.GetByTestId("presence")).ToHaveAttributeAsync("data-status", "Available", new() { Timeout = ConsolePage.Ms(Wait) });
        await Expect(console.Message("Number 4711")).ToHaveCountAsync(1, new() { Timeout = ConsolePage.Ms(Wait) });
        await console.Page.GetByTestId("logout").ClickAsync();
        await Expect(console.Page.GetByTestId("login-submit")).ToBeVisibleAsync(ConsolePage.Visible);
        await customer.Messages.WaitForAsync(m => m.Text == "Your agent is no longer available. We are connecting you with someone else.");
        Assert.Null(await console.Page.EvaluateAsync<string?>("() => localStorage.getItem('hub.console.session')"));
    }

    [Fact]
    public async Task AnOfferLeftAlone_ExpiresInTheConsoleAtItsDeadline_AndGoesToAnotherAgent()
    {
        await using var server = HubServer.Start(settings: ConsoleSettings.FastRouting(TimeSpan.FromSeconds(3)));
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var ada = await server.CreateAgentAsync("Ada", [1]);
        var console = await ConsolePage.OpenAsync(browser, server);
        await console.LoginAsync(ada.Agent.Email);
        await console.SetPresenceAsync("Available");

        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var started = await customer.StartAsync("Anyone there?");
        await Expect(console.OfferFor(started.ConversationId)).ToBeVisibleAsync(ConsolePage.Visible);
        await Expect(console.OfferFor(started.ConversationId).GetByTestId("offer-deadline")).ToContainTextAsync("0:0", new() { Timeout = ConsolePage.Ms(Wait) });

        // Bob comes online while the offer is Ada's; it reaches him only once Ada's has expired.
        var bob = await server.ConnectAgentAsync((await server.CreateAgentAsync("Bob", [1])).Token);
        await bob.SetPresenceAsync(PresenceStatus.Available);
        await Expect(console.Offers).ToHaveCountAsync(0, new() { Timeout = ConsolePage.Ms(Wait) });
        var offer = await bob.Offers.WaitForAsync(o => o.ConversationId == started.ConversationId);
        Assert.Equal("Carla Customer", offer.CustomerName);
        await bob.AcceptAsync(started.ConversationId);
        await Expect(console.Tabs).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TwoChatsAtOnce_KeepTheirOwnTranscripts_AndCountUnreadMessagesPerTab()
    {
        await using var server = HubServer.Start(settings: ConsoleSettings.FastRouting());
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var ada = await server.CreateAgentAsync("Ada", [1], capacity: 3);
        var console = await ConsolePage.OpenAsync(browser, server);
        await console.LoginAsync(ada.Agent.Email);
        await console.SetPresenceAsync("Available");

        var carla = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var first = await carla.StartAsync("Carla here: invoice", name: "Carla Customer");
        await console.AcceptAsync(first.ConversationId);
        var dan = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var second = await dan.StartAsync("Dan here: password", topic: "account", name: "Dan Doe");
        await console.AcceptAsync(second.ConversationId);
        await Expect(console.Tabs).ToHaveCountAsync(2);

        // Dan's tab is active: Carla's new message counts as unread on her tab only.
        await carla.SendAsync(first.ConversationId, "Carla again");
        await Expect(console.TabFor(first.ConversationId).GetByTestId("unread")).ToHaveTextAsync("1", new() { Timeout = ConsolePage.Ms(Wait) });
        await carla.SendAsync(first.ConversationId, "Carla thrice");
        await Expect(console.TabFor(first.ConversationId).GetByTestId("unread")).ToHaveTextAsync("2", new() { Timeout = ConsolePage.Ms(Wait) });
        await Expect(console.TabFor(second.ConversationId).GetByTestId("unread")).ToHaveCountAsync(0);
        await Expect(console.Message("Dan here: password")).ToHaveCountAsync(1);
        await Expect(console.Transcript).Not.ToContainTextAsync("Carla");

        await console.SendAsync("Hello Dan");
        await dan.Messages.WaitForAsync(m => m.Text == "Hello Dan");

        await console.SwitchToAsync(first.ConversationId);
        await Expect(console.TabFor(first.ConversationId).GetByTestId("unread")).ToHaveCountAsync(0, new() { Timeout = ConsolePage.Ms(Wait) });
        await Expect(console.Message("Carla thrice")).ToHaveCountAsync(1);
        await Expect(console.Transcript).Not.ToContainTextAsync("Dan");
        await carla.Reads.WaitForAsync(r => r.ConversationId == first.ConversationId && r.Role == SenderRole.Agent && r.Seq >= 4);
        await console.SendAsync("Hello Carla");
        await carla.Messages.WaitForAsync(m => m.Text == "Hello Carla");

        // The customer's read receipt shows on the agent's message.
        await carla.Connection.InvokeAsync(nameof(CustomerHub.MarkRead), new MarkReadRequest(first.ConversationId, 100)).WaitAsync(Wait);
        await Expect(console.Message("Hello Carla").GetByTestId("receipt-read")).ToBeVisibleAsync(ConsolePage.Visible);

        Assert.DoesNotContain(carla.Messages.Snapshot(), m => m.Text.Contains("Dan", StringComparison.Ordinal));
        Assert.DoesNotContain(dan.Messages.Snapshot(), m => m.Text.Contains("Carla", StringComparison.Ordinal));
    }
}

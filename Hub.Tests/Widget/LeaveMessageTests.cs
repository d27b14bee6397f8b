using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;
using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Widget;

/// <summary>When nobody can answer, the customer gets the offline form, not an error, and the message becomes a ticket.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LeaveMessageTests(BrowserFixture browser)
{
    [Fact]
    public async Task WithNoAgentOnline_TheOfflineFormTurnsTheMessageIntoATicket()
    {
        await using var harness = await WidgetHarness.StartAsync(browser);
        var widget = await harness.OpenPageAsync("demo/widget.html");
        await widget.OpenAsync();
        await widget.StartChatAsync("Is the grinder back in stock?");

        await Expect(widget.OfflineForm).ToBeVisibleAsync();
        await Expect(widget.OfflineForm).ToContainTextAsync("No agent is online right now");
        await Expect(widget.Composer).ToBeHiddenAsync();
        await Expect(widget.OfflineForm.Locator("input[type=email]")).ToHaveValueAsync("carla@example.com");
        await BrowserFixture.ScreenshotAsync(widget.Page, "4-offline-form");

        await widget.OfflineForm.Locator("textarea").FillAsync("Please write me when the hand grinder is available.");
        await widget.OfflineForm.Locator("input[type=email]").FillAsync("carla.c@example.com");
        await widget.OfflineForm.Locator("button[type=submit]").ClickAsync();

        await Expect(widget.LeftMessage).ToContainTextAsync("ticket #1001");
        await Expect(widget.LeftMessage).ToContainTextAsync("carla.c@example.com");
        await BrowserFixture.ScreenshotAsync(widget.Page, "4b-message-left");

        var conversations = harness.Server.Service<IConversationStore>();
        var id = (await conversations.ListByStatusAsync(ConversationStatus.Ended, 10)).Single().Id;
        var conversation = (await conversations.GetAsync(id))!;
        var ticket = (await harness.Server.Service<ITicketStore>().GetByNumberAsync(1001))!;
        Assert.Equal(ticket.Id, conversation.TicketId);
        Assert.Contains(id, ticket.ConversationIds);
        Assert.Equal(TicketStatus.Open, ticket.Status);
        var texts = (await conversations.GetMessagesAsync(id, 0, 100, includePrivateNotes: true)).Select(m => m.Text).ToList();
        Assert.Contains("Is the grinder back in stock?", texts);
        Assert.Contains("Please write me when the hand grinder is available.", texts);

        // A reload still tells the customer how they will be answered.
        await widget.Page.ReloadAsync();
        await widget.WaitReadyAsync();
        await Expect(widget.LeftMessage).ToContainTextAsync("ticket #1001");
    }

    [Fact]
    public async Task WhenTheLastAgentGoesOffline_WhileTheCustomerWaits_TheOfflineFormAppears()
    {
        await using var harness = await WidgetHarness.StartAsync(browser);
        var agent = await harness.AvailableAgentAsync();
        var widget = await harness.OpenPageAsync("demo/widget.html");
        await widget.OpenAsync();
        await widget.StartChatAsync("Hello?");
        await agent.Offers.WaitForAsync(_ => true);
        await Expect(widget.OfflineForm).ToHaveCountAsync(0);

        await agent.SetPresenceAsync(PresenceStatus.Offline);

        await Expect(widget.OfflineForm).ToBeVisibleAsync();
        await widget.OfflineForm.Locator("textarea").FillAsync("Call me back, please.");
        await widget.OfflineForm.Locator("button[type=submit]").ClickAsync();
        await Expect(widget.LeftMessage).ToContainTextAsync("ticket #1001");
    }
}

using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using SupportHub.Server.Features.Chat;
using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Widget;

/// <summary>The customer's way through the widget on the demo shop page: pre-chat form, queue, agent, typing, read receipts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatTests(BrowserFixture browser)
{
    [Fact]
    public async Task ACustomer_FillsThePreChatForm_AndChatsWithAnAgent_WithTypingAndReadReceipts()
    {
        await using var harness = await WidgetHarness.StartAsync(browser);
        var agent = await harness.AvailableAgentAsync();
        var widget = await harness.OpenPageAsync("demo/widget.html");
        await BrowserFixture.ScreenshotAsync(widget.Page, "1-closed-launcher");

        await widget.OpenAsync();
        await Expect(widget.Panel).ToHaveAttributeAsync("role", "dialog");
        await BrowserFixture.ScreenshotAsync(widget.Page, "2-pre-chat-form");

        // The demo page requires name and e-mail (data-required="name,email"): nothing starts without them.
        await widget.In("textarea[name=message]").FillAsync("Where is my order?");
        await widget.In("form.form button[type=submit]").ClickAsync();
        await Expect(widget.FormError).ToContainTextAsync("Name");
        Assert.Empty(agent.Queued.Snapshot());

        await widget.StartChatAsync("Where is my order?", name: "Carla Customer", email: "carla@example.com", topic: "billing");
        var offer = await agent.Offers.WaitForAsync(_ => true);
        Assert.Equal(("Carla Customer", "billing"), (offer.CustomerName, offer.Topic));
        await Expect(widget.Info).ToContainTextAsync("number 1 in line");
        await agent.AcceptAsync(offer.ConversationId);
        var id = offer.ConversationId;
        await Expect(widget.Subtitle).ToHaveTextAsync("You are chatting with Ada");
        await Expect(widget.Info).ToBeHiddenAsync();
        await Expect(widget.Message("Ada joined the conversation.")).ToHaveCountAsync(1);

        // The customer types: the agent sees it start, and stop after a pause.
        await widget.Composer.PressSequentiallyAsync("It was order");
        await agent.Typing.WaitForAsync(t => t.ConversationId == id && t.IsTyping && t.Role == SenderRole.Customer);
        await agent.Typing.WaitForAsync(t => t.ConversationId == id && !t.IsTyping);

        // The agent types and answers.
        await agent.Connection.InvokeAsync(nameof(AgentHub.Typing), new TypingRequest(id, true)).WaitAsync(HubServer.Timeout);
        await Expect(widget.Typing).ToHaveTextAsync("Ada is typing…");
        var answer = await agent.SendAsync(id, "Let me check that for you.");
        await Expect(widget.Message("Let me check that for you.")).ToHaveCountAsync(1);
        await Expect(widget.Typing).ToBeHiddenAsync();

        // The customer's panel is open on a visible page: it marks the answer read.
        await agent.Reads.WaitForAsync(r => r.ConversationId == id && r.Role == SenderRole.Customer && r.Seq >= answer.Seq);

        // The customer sends; the agent reads; the customer sees "Read" under that message.
        await widget.SendAsync("It was order 4711, placed on Monday");
        var mine = await agent.Messages.WaitForAsync(m => m.ConversationId == id && m.Text == "It was order 4711, placed on Monday");
        await Expect(widget.Message("It was order 4711")).ToHaveCountAsync(1);
        await Expect(widget.ReadMarker).ToHaveCountAsync(0);
        await agent.Connection.InvokeAsync(nameof(AgentHub.MarkRead), new MarkReadRequest(id, mine.Seq)).WaitAsync(HubServer.Timeout);
        await Expect(widget.Message("It was order 4711").Locator(".read")).ToHaveTextAsync("Read");
        await BrowserFixture.ScreenshotAsync(widget.Page, "3-chat");
    }

    [Fact]
    public async Task EndingTheChat_ShowsTheRatingForm_AndTheRatingIsStoredOnce()
    {
        await using var harness = await WidgetHarness.StartAsync(browser);
        var (widget, agent, id) = await harness.ChatWithAgentAsync();
        await agent.SendAsync(id, "Anything else?");
        await Expect(widget.Message("Anything else?")).ToHaveCountAsync(1);

        await widget.EndButton.ClickAsync();
        await Expect(widget.EndButton).ToHaveTextAsync("Really end?");
        await widget.EndButton.ClickAsync();

        await Expect(widget.Message("The customer ended the conversation.")).ToHaveCountAsync(1);
        await Expect(widget.Csat).ToBeVisibleAsync();
        await Expect(widget.Composer).ToBeHiddenAsync();
        await Expect(widget.EndButton).ToBeHiddenAsync();
        await widget.Csat.GetByRole(AriaRole.Radio, new() { Name = "4 of 5" }).ClickAsync();
        await widget.Csat.Locator("textarea").FillAsync("Quick and friendly.");
        await BrowserFixture.ScreenshotAsync(widget.Page, "5-csat");
        await widget.Csat.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();

        await Expect(widget.In(".card.done")).ToContainTextAsync("Thank you for your feedback!");
        var stored = await harness.Server.Service<IConversationStore>().GetAsync(id);
        Assert.Equal((ConversationStatus.Ended, 4, "Quick and friendly."), (stored!.Status, stored.Rating, stored.RatingComment));

        // After a reload the rating form does not come back; a new chat can start.
        await widget.Page.ReloadAsync();
        await widget.WaitReadyAsync();
        await Expect(widget.In(".card.done")).ToBeVisibleAsync();
        await Expect(widget.Csat).ToHaveCountAsync(0);
        await widget.In(".card.done button").ClickAsync();
        await Expect(widget.PreChatForm).ToBeVisibleAsync();
        await Expect(widget.In("input[name=name]")).ToHaveValueAsync("Carla Customer");
    }
}

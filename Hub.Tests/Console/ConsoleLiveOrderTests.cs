using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Console;

/// <summary>After a reconnect, a Resume answer the server read before a live change must not undo it in the console.</summary>
public sealed partial class ConsoleLiveOrderTests
{
    [Fact]
    public async Task ACustomerWhoEndsTheChatWhileTheConsoleResumes_IsShownAsEnded_NotOpenAgain()
    {
        await using var server = HubServer.Start(settings: ConsoleSettings.FastRouting());
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var ada = await server.CreateAgentAsync("Ada", [1]);
        var console = await ConsolePage.OpenAsync(browser, server);
        var wire = new HeldResume();
        await console.Page.RouteWebSocketAsync(AgentHub(), wire.Attach);
        await console.LoginAsync(ada.Agent.Email);
        await console.SetPresenceAsync("Available");
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var id = (await customer.StartAsync("My printer is offline")).ConversationId;
        await Expect(console.OfferFor(id)).ToBeVisibleAsync(ConsolePage.Visible);
        await console.AcceptAsync(id);
        await Expect(console.Page.GetByTestId("action-resolve")).ToBeVisibleAsync(ConsolePage.Visible);

        // A network blip: the console reconnects and resumes its chats. The server answers while the
        // chat is still active; that answer is held until the customer's end has reached the console.
        await wire.DropAsync();
        await wire.ResumeHeld.Task.WaitAsync(HubServer.Timeout);
        await customer.Connection.InvokeAsync(nameof(CustomerHub.End), new ConversationRequest(id));
        await wire.Released.Task.WaitAsync(HubServer.Timeout);
        var colleague = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ben", [1])).Token);
        await colleague.AddNoteAsync(id, "Seen after the end."); // sent after the held answer: once shown, the console has read both
        await Expect(console.Message("Seen after the end.")).ToHaveCountAsync(1, new() { Timeout = ConsolePage.Ms(HubServer.Timeout) });

        await Expect(console.Page.GetByTestId("chat-closed")).ToBeVisibleAsync(ConsolePage.Visible);
        await Expect(console.Page.GetByTestId("action-resolve")).ToHaveCountAsync(0);
    }

    [GeneratedRegex("/hubs/agent")]
    private static partial Regex AgentHub();
}

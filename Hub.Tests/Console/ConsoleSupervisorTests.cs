using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Console;

/// <summary>The supervisor view against the conversation store while the queue changes.</summary>
public sealed class ConsoleSupervisorTests
{
    private static readonly TimeSpan Wait = HubServer.Timeout;

    [Fact]
    public async Task TheSupervisorView_CountsWhatTheStoreHolds_WhileConversationsArriveWaitAndAreTaken()
    {
        await using var server = HubServer.Start(settings: ConsoleSettings.FastRouting());
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var sue = await server.CreateAgentAsync("Sue", [1, 2, 3], [AgentRole.Agent, AgentRole.Supervisor]);
        var console = await ConsolePage.OpenAsync(browser, server);
        await console.LoginAsync(sue.Agent.Email);
        await console.Page.GetByTestId("view-supervisor").ClickAsync();
        await Expect(console.Page.GetByTestId("supervisor-view")).ToBeVisibleAsync(ConsolePage.Visible);
        var store = server.Service<IConversationStore>();

        // The store and the view are read again until they agree (each may be a moment behind the other).
        async Task CountsMatchAsync()
        {
            using var timeout = new CancellationTokenSource(Wait);
            var last = string.Empty;
            while (!timeout.IsCancellationRequested)
            {
                var waiting = await store.ListByStatusAsync(ConversationStatus.Waiting, 500);
                var expected = string.Join(",", new[] { waiting.Count }.Concat(Enumerable.Range(1, 3).Select(level => waiting.Count(c => c.Level == level))));
                var shown = await console.Page.EvaluateAsync<string>("""
                    () => [document.querySelector("[data-testid=sup-waiting-total]")?.textContent,
                           ...[1, 2, 3].map(l => document.querySelector(`[data-testid=queue-level][data-level='${l}'] [data-testid=queue-level-count]`)?.textContent)].join(",")
                    """);
                if (shown == expected)
                {
                    return;
                }

                last = $"store {expected}, view {shown}";
                await Task.Delay(100, CancellationToken.None);
            }

            Assert.Fail($"The supervisor view does not match the store: {last}");
        }

        await CountsMatchAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
            ids.Add((await customer.StartAsync($"Question {i}", name: $"Customer {i}")).ConversationId);
            await CountsMatchAsync();
        }

        await Expect(console.Page.GetByTestId("sup-waiting").GetByTestId("waiting-row")).ToHaveCountAsync(3);

        // An agent comes online busy (no offers) and takes two conversations from the queue.
        var bobLogin = await server.CreateAgentAsync("Bob", [1]);
        var bob = await server.ConnectAgentAsync(bobLogin.Token);
        await bob.SetPresenceAsync(PresenceStatus.Busy);
        var bobRow = console.Page.Locator("[data-testid=team-row]").Filter(new() { HasText = "Bob" });
        await Expect(bobRow).ToHaveAttributeAsync("data-status", "Busy", new() { Timeout = ConsolePage.Ms(Wait) });
        await bob.ClaimAsync(ids[0]);
        await CountsMatchAsync();
        await bob.ClaimAsync(ids[1]);
        await CountsMatchAsync();
        await Expect(bobRow.GetByTestId("team-load")).ToHaveTextAsync("2/3", new() { Timeout = ConsolePage.Ms(Wait) });

        // The supervisor reassigns the last waiting one to Bob from the view.
        var row = console.Page.Locator($"[data-testid=sup-waiting] [data-testid=waiting-row][data-conversation='{ids[2]}']");
        await row.GetByTestId("reassign-agent").SelectOptionAsync(bobLogin.Agent.Id);
        await row.GetByTestId("reassign").ClickAsync();
        await Expect(console.Page.GetByTestId("sup-waiting-total")).ToHaveTextAsync("0", new() { Timeout = ConsolePage.Ms(Wait) });
        await CountsMatchAsync();
        await Expect(bobRow.GetByTestId("team-load")).ToHaveTextAsync("3/3", new() { Timeout = ConsolePage.Ms(Wait) });
        Assert.Equal(bobLogin.Agent.Id, (await store.GetAsync(ids[2]))!.AssignedAgentId);
    }
}

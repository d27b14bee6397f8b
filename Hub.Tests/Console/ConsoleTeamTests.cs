using SupportHub.Server.Features.Agents;
using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Console;

/// <summary>The Team panel: an admin invites an agent, the agent sets a password through the link, and a disable sends the agent's console back to sign-in.</summary>
public sealed class ConsoleTeamTests
{
    [Fact]
    public async Task AnAdmin_InvitesAnAgentWithAOneTimeLink_AndDisablingItEndsItsConsoleSession()
    {
        await using var server = HubServer.Start();
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var root = await server.CreateAgentAsync("Root", [1], [AgentRole.Agent, AgentRole.Admin]);
        var admin = await ConsolePage.OpenAsync(browser, server);
        await admin.LoginAsync(root.Agent.Email);
        var email = $"nina-{Guid.NewGuid():N}@example.com";

        await admin.Page.GetByTestId("team-btn").ClickAsync();
        await admin.Page.GetByTestId("team-email").FillAsync(email);
        await admin.Page.GetByTestId("team-displayName").FillAsync("Nina");
        await admin.Page.GetByTestId("team-levels").FillAsync("1");
        await admin.Page.GetByTestId("team-skills").FillAsync("billing, general");
        await admin.Page.GetByTestId("team-chatCapacity").FillAsync("2");
        await admin.Page.GetByTestId("team-submit").ClickAsync();
        var link = admin.Page.GetByTestId("team-link");
        await Expect(link).ToBeVisibleAsync(ConsolePage.Visible);
        var url = await link.InputValueAsync();
        Assert.Contains("/console/#invite=", url, StringComparison.Ordinal);
        var row = admin.Page.Locator($"[data-testid=team-row][data-email='{email}']");
        await Expect(row).ToBeVisibleAsync(ConsolePage.Visible);

        var nina = new ConsolePage(await browser.NewPageAsync(server.BaseAddress));
        await nina.Page.GotoAsync(url);
        await nina.Page.GetByTestId("invite-password").FillAsync("nina's own long password");
        await nina.Page.GetByTestId("invite-submit").ClickAsync();
        await Expect(nina.Page.GetByTestId("conn")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = ConsolePage.Ms(HubServer.Timeout) });
        var stored = (await server.Service<IAgentStore>().GetByEmailAsync(email))!;
        Assert.Equal(("Nina", 2, "billing,general"), (stored.DisplayName, stored.ChatCapacity, string.Join(',', stored.Skills)));

        await row.GetByTestId("team-disable").ClickAsync();

        await Expect(admin.Page.Locator($"[data-testid=team-row][data-email='{email}']")).ToHaveAttributeAsync("data-disabled", "true", new() { Timeout = ConsolePage.Ms(HubServer.Timeout) });
        await Expect(nina.Page.GetByTestId("login-error")).ToHaveTextAsync("Your session has ended. Please sign in again.", new() { Timeout = ConsolePage.Ms(HubServer.Timeout) });
    }
}

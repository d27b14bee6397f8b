using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Tests.TestHost;
using static Microsoft.Playwright.Assertions;

namespace SupportHub.Tests.Console;

/// <summary>
/// Screenshots of the console's main states (artifacts/screenshots/console-*.png) and a layout check:
/// no visible text is cut off and no two sibling elements overlap, at two common screen sizes.
/// </summary>
public sealed class ConsoleLayoutTests
{
    private const string LayoutProblems = """
        (selector) => {
          const problems = [];
          const shown = (el) => {
            const r = el.getBoundingClientRect();
            const cs = getComputedStyle(el);
            return r.width > 0 && r.height > 0 && cs.visibility !== "hidden" && cs.display !== "none";
          };
          const name = (el) => el.tagName.toLowerCase() + (el.dataset.testid ? `[${el.dataset.testid}]` : "") + (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "");
          for (const root of document.querySelectorAll(selector)) {
            if (!shown(root)) continue;
            for (const el of [root, ...root.querySelectorAll("*")]) {
              if (!shown(el)) continue;
              const cs = getComputedStyle(el);
              const scrolls = ["auto", "scroll"].includes(cs.overflowX) || ["auto", "scroll"].includes(cs.overflowY);
              const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
              if (hasText && !scrolls && cs.display !== "inline" && el.scrollWidth > el.clientWidth + 1) {
                problems.push(`cut off: ${name(el)} "${el.textContent.trim().slice(0, 40)}" (${el.scrollWidth} > ${el.clientWidth})`);
              }
              if (hasText || el.matches("button, select, input, .chip, .badge, .count")) {
                const r = el.getBoundingClientRect();
                for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
                  const ucs = getComputedStyle(up);
                  if (["auto", "scroll"].includes(ucs.overflowX) || ["auto", "scroll"].includes(ucs.overflowY)) break;
                  if (ucs.overflowX === "visible" && ucs.overflowY === "visible") continue;
                  const u = up.getBoundingClientRect();
                  if (r.left < u.left - 1 || r.right > u.right + 1 || r.top < u.top - 1 || r.bottom > u.bottom + 1) {
                    problems.push(`clipped: ${name(el)} "${el.textContent.trim().slice(0, 40)}" by ${name(up)}`);
                    break;
                  }
                }
              }
              const kids = [...el.children].filter((k) => shown(k) && !["absolute", "fixed"].includes(getComputedStyle(k).position));
              for (let i = 0; i < kids.length; i++) {
                for (let j = i + 1; j < kids.length; j++) {
                  const a = kids[i].getBoundingClientRect();
                  const b = kids[j].getBoundingClientRect();
                  const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                  const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                  if (x > 1 && y > 1) problems.push(`overlap: ${name(kids[i])} / ${name(kids[j])} in ${name(el)}`);
                }
              }
            }
          }
          return problems;
        }
        """;

    private static readonly TimeSpan Wait = HubServer.Timeout;

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(1920, 1080)]
    public async Task TheMainStates_AreCapturedAsScreenshots_WithNoTextCutOffOrOverlapping(int width, int height)
    {
        await using var server = HubServer.Start(settings: ConsoleSettings.FastRouting());
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var sophie = await server.CreateAgentAsync("Sophie Supervisor", [1, 2], [AgentRole.Agent, AgentRole.Supervisor], capacity: 2);
        var size = $"{width}x{height}";
        var console = await ConsolePage.OpenAsync(browser, server, width, height);
        await Expect(console.Page.GetByTestId("login-submit")).ToBeVisibleAsync(ConsolePage.Visible);
        await AssertLayoutAsync(console, ".login-card", "login");
        await console.ScreenshotAsync($"login-{size}");

        await console.LoginAsync(sophie.Agent.Email);
        await console.Page.EvaluateAsync("() => localStorage.setItem('hub.console.waitTargetSeconds', '1')");
        await console.SetPresenceAsync("Available");
        await AssertLayoutAsync(console, ".shell", "idle");
        await console.ScreenshotAsync($"idle-{size}");

        var carla = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var first = await carla.StartAsync("Hello, my invoice 4711 shows the wrong amount. See https://example.com/invoices/4711", name: "Carla Customer");
        await Expect(console.OfferFor(first.ConversationId)).ToBeVisibleAsync(ConsolePage.Visible);
        await AssertLayoutAsync(console, ".shell", "offer");
        await console.ScreenshotAsync($"offer-{size}");

        await console.AcceptAsync(first.ConversationId);
        await console.Composer.FillAsync("/hel");
        await Expect(console.Page.GetByTestId("canned-item")).ToHaveCountAsync(1);
        await console.ScreenshotAsync($"canned-{size}");
        await console.Composer.PressAsync("Tab");
        await Expect(console.Composer).ToHaveValueAsync("Hello Carla Customer, I'm Sophie Supervisor. How can I help you today?");
        await console.Composer.PressAsync("Control+Enter");
        await carla.Messages.WaitForAsync(m => m.Text.StartsWith("Hello Carla Customer", StringComparison.Ordinal));
        await carla.SendAsync(first.ConversationId, "Thanks! It should be 49.90 EUR, not 94.90 EUR.");
        await console.Page.GetByTestId("note-toggle").ClickAsync();
        await console.SendAsync("Checked billing: the amount was typed wrong by hand.");
        await carla.Connection.InvokeAsync(nameof(CustomerHub.MarkRead), new MarkReadRequest(first.ConversationId, 10)).WaitAsync(Wait);
        await carla.Connection.InvokeAsync(nameof(CustomerHub.Typing), new TypingRequest(first.ConversationId, true)).WaitAsync(Wait);
        await Expect(console.Page.GetByTestId("typing")).ToContainTextAsync("Carla Customer", new() { Timeout = ConsolePage.Ms(Wait) });
        await Expect(console.Page.GetByTestId("receipt-read")).ToBeVisibleAsync(ConsolePage.Visible);
        await Expect(console.Page.GetByTestId("current-ticket")).ToBeVisibleAsync(ConsolePage.Visible);

        var dan = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var second = await dan.StartAsync("I cannot log in since this morning", topic: "account", name: "Dan Doe");
        await console.AcceptAsync(second.ConversationId);
        await console.SwitchToAsync(first.ConversationId);
        await dan.SendAsync(second.ConversationId, "Still there?");
        await Expect(console.TabFor(second.ConversationId).GetByTestId("unread")).ToHaveTextAsync("1", new() { Timeout = ConsolePage.Ms(Wait) });
        var eve = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        await eve.StartAsync("Do you ship to Austria?", topic: "shipping", name: "Eve Example");
        await Expect(console.Page.GetByTestId("queue-item")).ToHaveCountAsync(1, new() { Timeout = ConsolePage.Ms(Wait) });
        await AssertLayoutAsync(console, ".shell", "chat");
        await console.ScreenshotAsync($"chat-{size}");

        await console.Page.GetByTestId("action-escalate").ClickAsync();
        await Expect(console.Page.GetByTestId("escalate-dialog")).ToBeVisibleAsync(ConsolePage.Visible);
        await AssertLayoutAsync(console, ".dialog", "escalate");
        await console.ScreenshotAsync($"escalate-{size}");
        await console.Page.Keyboard.PressAsync("Escape");
        await console.Page.Keyboard.PressAsync("F1");
        await Expect(console.Page.GetByTestId("help")).ToBeVisibleAsync(ConsolePage.Visible);
        await AssertLayoutAsync(console, ".dialog", "help");
        await console.ScreenshotAsync($"help-{size}");
        await console.Page.Keyboard.PressAsync("Escape");

        await console.Page.GetByTestId("view-supervisor").ClickAsync();
        await Expect(console.Page.GetByTestId("sup-over").GetByTestId("waiting-row")).ToHaveCountAsync(1, new() { Timeout = ConsolePage.Ms(Wait) });
        await AssertLayoutAsync(console, ".shell", "supervisor");
        await console.ScreenshotAsync($"supervisor-{size}");

        await console.Page.GetByTestId("lang").SelectOptionAsync("de");
        await Expect(console.Page.GetByTestId("logout")).ToHaveTextAsync("Abmelden");
        await AssertLayoutAsync(console, ".shell", "supervisor (de)");
        await console.ScreenshotAsync($"supervisor-de-{size}");
        await console.Page.GetByTestId("view-chats").ClickAsync();
        await AssertLayoutAsync(console, ".shell", "chat (de)");
        await console.ScreenshotAsync($"chat-de-{size}");
    }

    private static async Task AssertLayoutAsync(ConsolePage console, string selector, string state)
    {
        var problems = await console.Page.EvaluateAsync<string[]>(LayoutProblems, selector);
        Assert.True(problems.Length == 0, $"{state}: {string.Join("; ", problems)}");
    }
}

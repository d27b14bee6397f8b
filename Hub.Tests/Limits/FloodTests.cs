using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Limits;

/// <summary>
/// Floods from one address or one connection are refused with the documented codes while another
/// customer's chat is offered to an agent and answered (docs/security.md#limits).
/// </summary>
public sealed partial class FloodTests
{
    /// <summary>Production limits, but windows long enough that none rolls over while a slow machine runs the test.</summary>
    private static readonly Dictionary<string, string?> LongWindows = new()
    {
        ["Hub:Routing:SweepInterval"] = "00:00:00.100",
        ["Hub:Limits:VisitorsPerAddress:Window"] = "00:30:00",
        ["Hub:Limits:CustomerMessagesPerConnection:Window"] = "00:30:00",
        ["Hub:Limits:TypingPerConnection:Window"] = "00:30:00",
        ["Hub:Limits:ConversationsPerVisitor:Window"] = "00:30:00",
    };

    [Fact]
    public async Task AVisitorFloodFromOneAddress_IsRefusedWith429_WhileAnotherCustomersChatIsAnswered()
    {
        await using var server = HubServer.Start(settings: LongWindows);
        var agent = await AvailableAgentAsync(server);
        using var flooder = FromAddress.Http(server.BaseAddress, IPAddress.Parse("127.0.0.2"));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 40 && refused is null; i++)
        {
            var response = await flooder.PostAsJsonAsync("/api/visitors", new CreateVisitorRequest(null, null), HubServer.Json);
            statuses.Add(response.StatusCode);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, 30).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.True(refused!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("rate_limited", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        await AssertAnotherCustomerIsAnsweredAsync(server, agent);
    }

    [Fact]
    public async Task AMessageFloodFromOneConnection_IsRefusedWithRateLimitedAndARetryHint_WhileAnotherCustomersChatIsAnswered()
    {
        await using var server = HubServer.Start(settings: LongWindows);
        var agent = await AvailableAgentAsync(server);
        var flooder = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var id = (await flooder.StartAsync("spam 0")).ConversationId;
        await agent.Offers.WaitForAsync(o => o.ConversationId == id);
        await agent.AcceptAsync(id);

        HubException? refusal = null;
        var sent = 0;
        for (; sent < 40 && refusal is null; sent++)
        {
            refusal = await Record.ExceptionAsync(() => flooder.SendAsync(id, $"spam {sent + 1}")) as HubException;
        }

        Assert.Equal(31, sent); // 30 per connection and window, the 31st refused
        var error = HubError.Of(refusal!);
        var hint = RetryHint().Match(error);
        Assert.True(hint.Success, error);
        Assert.InRange(int.Parse(hint.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 1800);

        await AssertAnotherCustomerIsAnsweredAsync(server, agent);
    }

    [Fact]
    public async Task ATypingFlood_IsDroppedSilently_BeyondTheLimit()
    {
        await using var server = HubServer.Start(settings: LongWindows);
        var agent = await AvailableAgentAsync(server);
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var id = (await customer.StartAsync("Hello")).ConversationId;
        await agent.Offers.WaitForAsync(o => o.ConversationId == id);
        await agent.AcceptAsync(id);

        for (var i = 0; i < 45; i++)
        {
            await customer.Connection.InvokeAsync(nameof(CustomerHub.Typing), new TypingRequest(id, i % 2 == 0)).WaitAsync(HubServer.Timeout);
        }

        // The message's event follows every typing event the server passed on, on the same connection.
        var marker = await customer.SendAsync(id, "done typing");
        await agent.Messages.WaitForAsync(m => m.Seq == marker.Seq);
        Assert.Equal(30, agent.Typing.Snapshot().Count(t => t.ConversationId == id));
    }

    [Fact]
    public async Task AVisitor_CannotHaveMoreConversationsWaitingThanTheCap_ButARetriedStartIsAnswered()
    {
        await using var server = HubServer.Start(settings: LongWindows);
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var starts = new List<StartConversationRequest>();
        for (var i = 0; i < 3; i++)
        {
            starts.Add(new StartConversationRequest("Sam", null, null, $"question {i}", Guid.NewGuid().ToString("N")));
            await StartAsync(customer, starts[^1]);
        }

        var refused = await Assert.ThrowsAsync<HubException>(
            () => StartAsync(customer, new StartConversationRequest("Sam", null, null, "one more", Guid.NewGuid().ToString("N"))));
        Assert.Matches(RetryHint(), HubError.Of(refused));
        Assert.True((await StartAsync(customer, starts[0])).Duplicate);

        await customer.Connection.InvokeAsync(nameof(CustomerHub.End), new ConversationRequest((await StartAsync(customer, starts[1])).ConversationId))
            .WaitAsync(HubServer.Timeout);
        Assert.False((await StartAsync(customer, new StartConversationRequest("Sam", null, null, "now it fits", Guid.NewGuid().ToString("N")))).Duplicate);
    }

    [Theory]
    [InlineData("/api/visitors")]
    [InlineData("/api/auth/login")]
    public async Task ABodyOverTheAnonymousLimit_Gets413ProblemDetails(string path)
    {
        await using var server = HubServer.Start();
        var big = new string('x', 40 * 1024);
        var response = await server.Http.PostAsync(path, new StringContent($"{{\"name\":\"{big}\"}}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static Task<StartConversationResult> StartAsync(CustomerClient customer, StartConversationRequest request) =>
        customer.Connection.InvokeAsync<StartConversationResult>(nameof(CustomerHub.StartConversation), request).WaitAsync(HubServer.Timeout);

    private static async Task<AgentClient> AvailableAgentAsync(HubServer server)
    {
        var agent = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada", [1], capacity: 3)).Token);
        await agent.SetPresenceAsync(PresenceStatus.Available);
        return agent;
    }

    private static async Task AssertAnotherCustomerIsAnsweredAsync(HubServer server, AgentClient agent)
    {
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var started = await customer.StartAsync("I am a real customer");
        await agent.Offers.WaitForAsync(o => o.ConversationId == started.ConversationId);
        await agent.AcceptAsync(started.ConversationId);
        var reply = await agent.SendAsync(started.ConversationId, "Hello, how can I help?");
        await customer.Messages.WaitForAsync(m => m.Seq == reply.Seq);
    }

    [GeneratedRegex(@"^rate_limited: Retry after (\d+) s: ")]
    private static partial Regex RetryHint();
}

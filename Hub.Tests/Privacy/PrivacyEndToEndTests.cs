using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Privacy;
using SupportHub.Server.Features.Tickets;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Privacy;

/// <summary>Export and erasure over real Kestrel and SignalR, as an admin, an agent and the customer see them.</summary>
public sealed class PrivacyEndToEndTests
{
    [Fact]
    public async Task Admin_ExportsACustomersChat_ThenErasesIt_AndNobodyCanReadThePersonalDataAfterwards()
    {
        await using var server = HubServer.Start();
        using var admin = Authorized(server, (await server.CreateAgentAsync("Root", roles: [AgentRole.Agent, AgentRole.Admin])).Token);
        var agentLogin = await server.CreateAgentAsync("Ada");
        using var staff = Authorized(server, agentLogin.Token);
        var agent = await server.ConnectAgentAsync(agentLogin.Token);
        var visitor = await server.CreateVisitorAsync();
        var customer = await server.ConnectCustomerAsync(visitor.Token);
        var started = await customer.StartAsync("My card ends 4242", name: "Carla Customer", email: "carla@example.com");
        var id = started.ConversationId;
        await agent.ClaimAsync(id);
        var reply = await agent.SendAsync(id, "Hello Carla, let me look at card 4242.");
        await customer.Messages.WaitForAsync(m => m.Seq == reply.Seq);
        await agent.AddNoteAsync(id, "Carla sounds upset about the refund.");

        var open = await admin.PostAsync($"/api/admin/customers/{visitor.CustomerId}/erase", null);
        Assert.Equal(HttpStatusCode.Conflict, open.StatusCode); // in a chat: ended first, nobody is cut off
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/admin/customers/{visitor.CustomerId}/export")).StatusCode);
        using var supervisor = Authorized(server, (await server.CreateAgentAsync("Sue", roles: [AgentRole.Agent, AgentRole.Supervisor])).Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync($"/api/admin/customers/{visitor.CustomerId}/erase", null)).StatusCode);
        await agent.ResolveAsync(id, "Refunded Carla's card 4242.");

        var found = await admin.GetFromJsonAsync<List<Customer>>("/api/admin/customers?email=carla@example.com", HubServer.Json);
        Assert.Equal([visitor.CustomerId], found!.Select(c => c.Id));
        var export = await admin.GetAsync($"/api/admin/customers/{visitor.CustomerId}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(("application/json", "attachment"), (export.Content.Headers.ContentType!.MediaType, export.Content.Headers.ContentDisposition!.DispositionType));
        var before = (await export.Content.ReadFromJsonAsync<CustomerExport>(HubServer.Json))!;
        Assert.Equal(("Carla Customer", "carla@example.com"), (before.Customer.Name, before.Customer.Email));
        var transcript = before.Conversations.Single().Messages.Select(m => m.Text).ToList();
        Assert.Contains("My card ends 4242", transcript);
        Assert.Contains("Hello Carla, let me look at card 4242.", transcript);
        Assert.Contains("Carla sounds upset about the refund.", transcript); // notes about the customer are theirs too
        Assert.Equal(started.TicketNumber, before.Tickets.Single().Number);

        var erased = await admin.PostAsJsonAsync<object?>($"/api/admin/customers/{visitor.CustomerId}/erase", null);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal((1, 1), await erased.Content.ReadFromJsonAsync<ErasureResult>(HubServer.Json) is { } r ? (r.Conversations, r.Tickets) : default);

        var after = await admin.GetStringAsync($"/api/admin/customers/{visitor.CustomerId}/export");
        foreach (var personal in new[] { "4242", "Carla", "carla@example.com", "upset", "Refunded" })
        {
            Assert.DoesNotContain(personal, after, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains(started.TicketNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), after, StringComparison.Ordinal);
        Assert.Empty((await admin.GetFromJsonAsync<List<Customer>>("/api/admin/customers?email=carla@example.com", HubServer.Json))!);

        // The agent: the ticket keeps its number, the transcript and the ticket carry nothing personal.
        var ticket = (await staff.GetFromJsonAsync<Ticket>($"/api/tickets/{started.TicketNumber}", HubServer.Json))!;
        Assert.Equal((started.TicketNumber, TicketStatus.Resolved, (string?)null, (string?)null), (ticket.Number, ticket.Status, ticket.Subject, ticket.Resolution));
        var opened = await agent.Connection.InvokeAsync<ResumeResult>(nameof(AgentHub.Open), new ConversationRequest(id)).WaitAsync(HubServer.Timeout);
        Assert.Null((await server.Service<IConversationStore>().GetAsync(id))!.CustomerName);
        Assert.DoesNotContain(opened.Messages, m => m.Text.Contains("4242", StringComparison.Ordinal) || m.Text.Contains("Carla", StringComparison.Ordinal));
        var reopen = await Assert.ThrowsAsync<HubException>(() =>
            agent.Connection.InvokeAsync<ResumeResult>(nameof(AgentHub.Reopen), new ConversationRequest(id)).WaitAsync(HubServer.Timeout));
        Assert.StartsWith("conflict:", HubError.Of(reopen), StringComparison.Ordinal);

        // The visitor's old token, on the old connection and on a new one: nothing to read, nothing to start.
        var resume = await Assert.ThrowsAsync<HubException>(() => customer.ResumeAsync(id, 0));
        Assert.StartsWith("not_found:", HubError.Of(resume), StringComparison.Ordinal);
        var again = await server.ConnectCustomerAsync(visitor.Token);
        Assert.Empty(await again.Connection.InvokeAsync<IReadOnlyList<ConversationDto>>(nameof(CustomerHub.GetConversations)).WaitAsync(HubServer.Timeout));
        var restart = await Assert.ThrowsAsync<HubException>(() => again.StartAsync("Hi again", name: "Carla Customer", email: "carla@example.com"));
        Assert.StartsWith("forbidden:", HubError.Of(restart), StringComparison.Ordinal);
        Assert.Null((await server.Service<ICustomerStore>().GetAsync(visitor.CustomerId))!.Name);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/customers/{visitor.CustomerId}/erase", null)).StatusCode); // idempotent
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/admin/customers/nobody/erase", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/customers")).StatusCode);
    }

    [Fact]
    public async Task Retention_ErasesAConversationClosedLongerAgoThanThePeriod_AndKeepsARecentOne()
    {
        await using var server = HubServer.Start(settings: new Dictionary<string, string?>
        {
            ["Hub:Privacy:RetentionPeriod"] = "1.00:00:00",
            ["Hub:Privacy:RetentionInterval"] = "00:00:01",
        });
        var (customer, agent, recent) = await Chat.ChatFlowTests.StartClaimedAsync(server);
        await agent.ResolveAsync(recent, "Fixed today.");
        var store = server.Service<IConversationStore>();
        var old = await ClosedLongAgoAsync(store, (await store.GetAsync(recent))!, TimeSpan.FromDays(2));

        var deadline = DateTimeOffset.UtcNow + HubServer.Timeout;
        while ((await store.GetAsync(old.Id))!.ErasedAt is null && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.NotNull((await store.GetAsync(old.Id))!.ErasedAt);
        Assert.Equal([ChatMessage.ErasedText], (await store.GetMessagesAsync(old.Id, 0, 10, includePrivateNotes: true)).Select(m => m.Text));
        var kept = (await store.GetAsync(recent))!;
        Assert.Null(kept.ErasedAt);
        Assert.Contains((await customer.ResumeAsync(recent, 0)).Messages, m => m.Text == "My invoice is wrong");
        Assert.Equal(0, await server.Service<RetentionSweep>().RunPassAsync(CancellationToken.None)); // nothing more is due
    }

    /// <summary>A conversation of the same customer and ticket, closed <paramref name="ago"/> (the store takes the close time as given).</summary>
    private static async Task<Conversation> ClosedLongAgoAsync(IConversationStore store, Conversation like, TimeSpan ago)
    {
        var closedAt = DateTimeOffset.UtcNow - ago;
        var old = new Conversation
        {
            Id = "old-" + Guid.NewGuid().ToString("N"),
            CustomerId = like.CustomerId,
            CustomerName = "Carla Customer",
            TicketId = like.TicketId,
            TicketNumber = like.TicketNumber,
            Status = ConversationStatus.Waiting,
            CreatedAt = closedAt.AddMinutes(-5),
        };
        await store.CreateAsync(old);
        await store.AppendAsync(new NewMessage(old.Id, "c1", SenderRole.Customer, like.CustomerId, "Carla Customer", MessageKind.Text, "My old address", closedAt.AddMinutes(-4)));
        Assert.True(await store.TryCloseAsync(old.Id, ConversationStatus.Resolved, closedAt));
        return old;
    }

    private static HttpClient Authorized(HubServer server, string token) =>
        new() { BaseAddress = server.BaseAddress, Timeout = HubServer.Timeout, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
}

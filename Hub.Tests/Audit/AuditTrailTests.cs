using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Audit;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;
using SupportHub.Tests.Chat;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Audit;

/// <summary>The audit half of acceptance 6: each recorded action, driven through the real hubs and endpoints, is in the log.</summary>
public sealed class AuditTrailTests
{
    [Fact]
    public async Task SignIns_SucceededAndFailed_AreRecorded_WithTheEmailTried_NeverThePassword()
    {
        await using var server = HubServer.Start();
        var supervisor = await server.CreateAgentAsync("Sam", roles: [AgentRole.Agent, AgentRole.Supervisor]);
        var ada = TestAgents.New("Ada");
        await server.Service<AgentAccounts>().CreateAsync(ada);
        const string wrong = "not the password of anybody";

        var failed = await server.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(ada.Email, wrong), HubServer.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        var login = await server.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(ada.Email, ada.Password), HubServer.Json);
        var adaId = (await login.Content.ReadFromJsonAsync<LoginResult>(HubServer.Json))!.Agent.Id;

        var failure = Assert.Single(await AuditApi.EntriesAsync(server, supervisor.Token, "?action=sign_in.failed"));
        Assert.Equal(ada.Email, failure.ActorName);
        Assert.Equal(AuditActorKind.Anonymous, failure.ActorKind);
        Assert.Null(failure.ActorId);
        Assert.Equal("127.0.0.1", failure.ClientAddress);
        var success = Assert.Single(await AuditApi.EntriesAsync(server, supervisor.Token, $"?action=sign_in.succeeded&actorId={adaId}"));
        Assert.Equal("Ada", success.ActorName);
        Assert.Equal(adaId, success.TargetId);
        var raw = await (await AuditApi.GetAsync(server, supervisor.Token, "")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(wrong, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(ada.Password, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignmentChanges_AndReopen_AreRecorded_OnTheConversation()
    {
        await using var server = HubServer.Start();
        var (_, ada, id) = await ChatFlowTests.StartClaimedAsync(server);
        var supervisorLogin = await server.CreateAgentAsync("Sam", roles: [AgentRole.Agent, AgentRole.Supervisor]);
        var supervisor = await server.ConnectAgentAsync(supervisorLogin.Token);
        var bea = await server.CreateAgentAsync("Bea", levels: [2]);
        var beaClient = await server.ConnectAgentAsync(bea.Token);
        var carl = await server.CreateAgentAsync("Carl");

        await ada.EscalateAsync(id, 2, "needs level 2", "Export fails on 3.2.1.");
        await beaClient.SetPresenceAsync(PresenceStatus.Available);
        await beaClient.Offers.WaitForAsync(o => o.ConversationId == id);
        await beaClient.AcceptAsync(id);
        await beaClient.SetPresenceAsync(PresenceStatus.Busy); // so that the transferred conversation is not offered to Bea again
        await beaClient.Connection.InvokeAsync(nameof(AgentHub.Transfer), new TransferRequest(id, carl.Agent.Id, "Knows this customer.")).WaitAsync(HubServer.Timeout);
        var adaId = (await ada.GetPresenceAsync()).AgentId;
        await supervisor.Connection.InvokeAsync(nameof(AgentHub.Reassign), new ReassignRequest(id, adaId)).WaitAsync(HubServer.Timeout);
        await ada.ResolveAsync(id, "Fixed.");
        await ada.Connection.InvokeAsync<ResumeResult>(nameof(AgentHub.Reopen), new ConversationRequest(id)).WaitAsync(HubServer.Timeout);

        var entries = await AuditApi.EntriesAsync(server, supervisorLogin.Token, $"?targetType=conversation&targetId={id}");
        var assignment = entries.Where(e => e.Action != AuditActions.TranscriptRead).Select(e => (e.Action, e.ActorName)).ToList();
        Assert.Equal(
            [
                (AuditActions.Reopened, "Ada"), (AuditActions.Reassigned, "Sam"), (AuditActions.Transferred, "Bea"),
                (AuditActions.OfferAccepted, "Bea"), (AuditActions.Escalated, "Ada"), (AuditActions.Claimed, "Ada"),
            ],
            assignment);
        Assert.Contains(carl.Agent.Id, entries.Single(e => e.Action == AuditActions.Transferred).Details);
        Assert.Contains("to level 2", entries.Single(e => e.Action == AuditActions.Escalated).Details);
        Assert.All(entries, e => Assert.Equal(AuditTargets.Conversation, e.TargetType));
    }

    [Fact]
    public async Task StaffReads_OfSomeoneElsesTranscriptOrTicket_AreRecorded_ReadsOfOnesOwnAreNot()
    {
        await using var server = HubServer.Start();
        var (_, ada, id) = await ChatFlowTests.StartClaimedAsync(server);
        var adaId = (await ada.GetPresenceAsync()).AgentId;
        var benLogin = await server.CreateAgentAsync("Ben", levels: [2]);
        var ben = await server.ConnectAgentAsync(benLogin.Token);
        var supervisor = await server.CreateAgentAsync("Sam", roles: [AgentRole.Supervisor]);
        var conversation = (await server.Service<IConversationStore>().GetAsync(id))!;

        await ada.Connection.InvokeAsync<ResumeResult>(nameof(AgentHub.Open), new ConversationRequest(id)).WaitAsync(HubServer.Timeout);
        await ada.ResumeAsync(id, 0);
        await ben.Connection.InvokeAsync<ResumeResult>(nameof(AgentHub.Open), new ConversationRequest(id)).WaitAsync(HubServer.Timeout);
        await ben.ResumeAsync(id, 1);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(server, benLogin.Token, $"/api/tickets/{conversation.TicketNumber}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(server, benLogin.Token, $"/api/tickets?customerId={conversation.CustomerId}")).StatusCode);
        var adaLogin = await server.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(
            (await server.Service<IAgentStore>().GetAsync(adaId))!.Email, TestAgents.Password), HubServer.Json);
        var adaToken = (await adaLogin.Content.ReadFromJsonAsync<LoginResult>(HubServer.Json))!.Token;
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(server, adaToken, $"/api/tickets/{conversation.TicketNumber}")).StatusCode);

        var reads = await AuditApi.EntriesAsync(server, supervisor.Token, $"?action=transcript.read&targetId={id}");
        Assert.Equal(["Resume after seq 1", "Open"], reads.Select(e => e.Details));
        Assert.All(reads, e => Assert.Equal(benLogin.Agent.Id, e.ActorId));
        var tickets = await AuditApi.EntriesAsync(server, supervisor.Token, "?action=ticket.read");
        Assert.Equal(
            [(AuditTargets.Customer, conversation.CustomerId), (AuditTargets.Ticket, conversation.TicketId)],
            tickets.Select(e => (e.TargetType, e.TargetId)));
        Assert.All(tickets, e => Assert.Equal(benLogin.Agent.Id, e.ActorId));
    }

    [Fact]
    public async Task AuditApi_Filters_Pages_AndValidates_ForSupervisorsAndAdmins_Only()
    {
        await using var server = HubServer.Start();
        var supervisor = await server.CreateAgentAsync("Sam", roles: [AgentRole.Supervisor]);
        var admin = await server.CreateAgentAsync("Alex", roles: [AgentRole.Admin]);
        var agent = await server.CreateAgentAsync("Ada");
        var visitor = await server.CreateVisitorAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 5; i++)
        {
            await server.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest($"nobody-{i}@test.hub", "wrong password"), HubServer.Json);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await AuditApi.GetAsync(server, null, "")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AuditApi.GetAsync(server, agent.Token, "")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AuditApi.GetAsync(server, visitor.Token, "")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await AuditApi.GetAsync(server, supervisor.Token, "?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await AuditApi.GetAsync(server, supervisor.Token, "?limit=201")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await AuditApi.GetAsync(server, supervisor.Token, $"?from={Q(before)}&to={Q(before)}")).StatusCode);

        var first = await AuditApi.PageAsync(server, admin.Token, "?action=sign_in.failed&limit=2");
        Assert.Equal(["nobody-4@test.hub", "nobody-3@test.hub"], first.Entries.Select(e => e.ActorName));
        var second = await AuditApi.PageAsync(server, supervisor.Token, $"?action=sign_in.failed&limit=2&before={first.Next}");
        Assert.Equal(["nobody-2@test.hub", "nobody-1@test.hub"], second.Entries.Select(e => e.ActorName));
        var last = await AuditApi.PageAsync(server, supervisor.Token, $"?action=sign_in.failed&limit=2&before={second.Next}");
        Assert.Equal(["nobody-0@test.hub"], last.Entries.Select(e => e.ActorName));
        Assert.Null(last.Next);
        Assert.Empty(await AuditApi.EntriesAsync(server, supervisor.Token, $"?action=sign_in.failed&to={Q(before)}"));
        Assert.Equal(5, (await AuditApi.EntriesAsync(server, supervisor.Token, $"?action=sign_in.failed&from={Q(before)}")).Count);
        Assert.Empty(await AuditApi.EntriesAsync(server, supervisor.Token, "?action=sign_in.failed&actorId=someone"));
    }

    [Fact]
    public async Task WhenTheAuditStoreFails_ReadsAndRoutineWorkGoAhead_ButReopenAndReassignAreRefused()
    {
        ThrowingAuditLog? log = null;
        await using var server = HubServer.Start(services: s =>
        {
            var inner = s.Single(d => d.ServiceType == typeof(IAuditLog));
            s.Remove(inner);
            s.AddSingleton<IAuditLog>(sp => log = new ThrowingAuditLog((IAuditLog)ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!)));
        });
        var (_, ada, id) = await ChatFlowTests.StartClaimedAsync(server);
        var adaId = (await ada.GetPresenceAsync()).AgentId;
        var supervisor = await server.ConnectAgentAsync((await server.CreateAgentAsync("Sam", roles: [AgentRole.Supervisor])).Token);
        await ada.ResolveAsync(id, "Fixed.");
        _ = server.Service<IAuditLog>();
        log!.Failing = true;

        var read = await supervisor.Connection.InvokeAsync<ResumeResult>(nameof(AgentHub.Open), new ConversationRequest(id)).WaitAsync(HubServer.Timeout);
        Assert.NotEmpty(read.Messages);
        var reopen = await Assert.ThrowsAsync<HubException>(() =>
            ada.Connection.InvokeAsync<ResumeResult>(nameof(AgentHub.Reopen), new ConversationRequest(id)).WaitAsync(HubServer.Timeout));
        Assert.DoesNotContain("HubException", reopen.Message, StringComparison.Ordinal); // a fault, not a protocol refusal
        Assert.Equal(ConversationStatus.Resolved, (await server.Service<IConversationStore>().GetAsync(id))!.Status);

        log.Failing = false;
        await ada.Connection.InvokeAsync<ResumeResult>(nameof(AgentHub.Reopen), new ConversationRequest(id)).WaitAsync(HubServer.Timeout);
        log.Failing = true;
        var ben = await server.CreateAgentAsync("Ben");
        await Assert.ThrowsAsync<HubException>(() =>
            supervisor.Connection.InvokeAsync(nameof(AgentHub.Reassign), new ReassignRequest(id, ben.Agent.Id)).WaitAsync(HubServer.Timeout));
        Assert.Equal(adaId, (await server.Service<IConversationStore>().GetAsync(id))!.AssignedAgentId);
    }

    private static string Q(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O"));

    private static async Task<HttpResponseMessage> GetAsync(HubServer server, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await server.Http.SendAsync(request);
    }
}

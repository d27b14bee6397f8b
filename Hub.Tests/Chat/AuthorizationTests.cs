using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Chat;

public sealed class AuthorizationTests
{
    [Fact]
    public async Task CustomerToken_CannotReadSendToOrResumeAnotherCustomersConversation()
    {
        await using var server = HubServer.Start();
        var (owner, _, id) = await ChatFlowTests.StartClaimedAsync(server);
        var intruder = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var store = server.Service<IConversationStore>();
        var before = await store.GetMessagesAsync(id, 0, 100, true);

        var calls = new Func<Task>[]
        {
            () => intruder.SendAsync(id, "let me in"),
            () => intruder.ResumeAsync(id, 0),
            () => intruder.Connection.InvokeAsync(nameof(CustomerHub.MarkRead), new MarkReadRequest(id, 1)),
            () => intruder.Connection.InvokeAsync(nameof(CustomerHub.Typing), new TypingRequest(id, true)),
            () => intruder.Connection.InvokeAsync(nameof(CustomerHub.End), new ConversationRequest(id)),
        };
        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<HubException>(() => call().WaitAsync(HubServer.Timeout));
            Assert.Equal($"not_found: Conversation '{id}' does not exist.", HubError.Of(error));
        }

        var mine = await intruder.Connection.InvokeAsync<IReadOnlyList<ConversationDto>>(nameof(CustomerHub.GetConversations));
        Assert.Empty(mine);
        Assert.Equal(before.Select(m => m.Seq), (await store.GetMessagesAsync(id, 0, 100, true)).Select(m => m.Seq));
        Assert.Equal(ConversationStatus.Active, (await store.GetAsync(id))!.Status);
        var ownerMessage = await owner.SendAsync(id, "still mine");
        await owner.Messages.WaitForAsync(m => m.Seq == ownerMessage.Seq);
        Assert.Empty(intruder.Messages.Snapshot());
    }

    [Fact]
    public async Task CustomerToken_CannotConnectToTheAgentHub()
    {
        await using var server = HubServer.Start();
        var visitor = await server.CreateVisitorAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => server.ConnectAsync(ChatExtensions.AgentHubPath, visitor.Token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFnZW50In0.c2lnbmF0dXJlLWJ5LXNvbWVvbmUtZWxzZQ")]
    public async Task AgentHub_RefusesConnectionsWithoutAValidStaffToken(string? token)
    {
        await using var server = HubServer.Start();

        await Assert.ThrowsAnyAsync<Exception>(() => server.ConnectAsync(ChatExtensions.AgentHubPath, token));
    }

    [Fact]
    public async Task CustomerHub_RefusesAnonymousAndAgentConnections()
    {
        await using var server = HubServer.Start();
        var agent = await server.CreateAgentAsync("Ada");

        await Assert.ThrowsAnyAsync<Exception>(() => server.ConnectAsync(ChatExtensions.CustomerHubPath, null));
        await Assert.ThrowsAnyAsync<Exception>(() => server.ConnectAsync(ChatExtensions.CustomerHubPath, agent.Token));
    }

    [Fact]
    public async Task Agent_CannotWriteToAConversationAssignedToAnotherAgent()
    {
        await using var server = HubServer.Start();
        var (_, _, id) = await ChatFlowTests.StartClaimedAsync(server);
        var other = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ben")).Token);

        var error = await Assert.ThrowsAsync<HubException>(() => other.SendAsync(id, "hijack"));

        Assert.StartsWith("forbidden:", HubError.Of(error), StringComparison.Ordinal);
        Assert.DoesNotContain(await server.Service<IConversationStore>().GetMessagesAsync(id, 0, 100, true), m => m.Text == "hijack");
    }

    [Fact]
    public async Task DisabledAgent_IsRefusedEvenWithAValidToken()
    {
        await using var server = HubServer.Start();
        var login = await server.CreateAgentAsync("Ada");
        var store = server.Service<SupportHub.Server.Features.Agents.IAgentStore>();
        Assert.True(await store.SetDisabledAsync(login.Agent.Id, disabled: true));

        await Assert.ThrowsAnyAsync<Exception>(() => server.ConnectAsync(ChatExtensions.AgentHubPath, login.Token));
    }
}

using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Tests.Chat;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Authorization;

/// <summary>The gap issue 12 found: any agent could reopen and take over any closed conversation.</summary>
public sealed class ReopenAuthorizationTests
{
    [Fact]
    public async Task AnAgentOfAnotherLevel_CannotReopenAndTakeOver_ButASupervisorOfAnotherLevelCan()
    {
        await using var server = HubServer.Start();
        var (_, ada, id) = await ChatFlowTests.StartClaimedAsync(server);
        await ada.ResolveAsync(id, "Fixed.");
        var leo = await server.ConnectAgentAsync((await server.CreateAgentAsync("Leo", levels: [2])).Token);
        var sam = await server.ConnectAgentAsync((await server.CreateAgentAsync("Sam", levels: [3], roles: [AgentRole.Agent, AgentRole.Supervisor])).Token);
        var store = server.Service<IConversationStore>();

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            leo.Connection.InvokeAsync<ResumeResult>(nameof(AgentHub.Reopen), new ConversationRequest(id)).WaitAsync(HubServer.Timeout));

        Assert.Equal(
            $"forbidden: Conversation '{id}' is at level 1: only the agent who last held it, an agent of that level or a supervisor may reopen it.",
            HubError.Of(refused));
        Assert.Equal(ConversationStatus.Resolved, (await store.GetAsync(id))!.Status);
        var reopened = await sam.Connection.InvokeAsync<ResumeResult>(nameof(AgentHub.Reopen), new ConversationRequest(id)).WaitAsync(HubServer.Timeout);
        Assert.Equal(ConversationStatus.Active, reopened.Conversation.Status);
        Assert.Equal((await sam.GetPresenceAsync()).AgentId, (await store.GetAsync(id))!.AssignedAgentId);
    }
}

using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Routing;

/// <summary>A customer leaves a message while the agent accepts the offer: one of them wins, and no capacity leaks.</summary>
public sealed class LeaveMessageRaceTests
{
    private const int Rounds = 20;

    [Fact]
    public async Task LeaveMessage_RacingAcceptOffer_LeavesOneOutcome_AndTheAgentsLoadIsWhatTheyHold()
    {
        await using var server = HubServer.Start();
        var login = await server.CreateAgentAsync("Ada", capacity: 3);
        var agent = await server.ConnectAgentAsync(login.Token);
        await agent.SetPresenceAsync(PresenceStatus.Available);
        var store = server.Service<IConversationStore>();

        for (var round = 0; round < Rounds; round++)
        {
            var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
            var id = (await customer.StartAsync($"Round {round}")).ConversationId;
            await agent.Offers.WaitForAsync(o => o.ConversationId == id);

            var accept = Succeeds(Task.Run(() => agent.AcceptAsync(id)));
            var leave = Succeeds(Task.Run(() => customer.Connection
                .InvokeAsync<LeaveMessageResult>(nameof(CustomerHub.LeaveMessage), new LeaveMessageRequest(id, Guid.NewGuid().ToString("N"), "Call me back", null))
                .WaitAsync(HubServer.Timeout)));
            var (accepted, left) = (await accept, await leave);

            var stored = (await store.GetAsync(id))!;
            Assert.True(accepted != left, $"round {round}: accepted {accepted}, left {left}, stored {stored.Status}");
            Assert.Equal(
                accepted ? (ConversationStatus.Active, login.Agent.Id) : (ConversationStatus.Ended, null),
                (stored.Status, stored.AssignedAgentId));
            var held = await store.ListOpenByAgentAsync(login.Agent.Id);
            var presence = await agent.Connection.InvokeAsync<PresenceDto>(nameof(AgentHub.GetPresence)).WaitAsync(HubServer.Timeout);
            Assert.Equal(held.Count, presence.ChatLoad);
            if (accepted)
            {
                await agent.ResolveAsync(id, "Called back.");
            }
        }
    }

    private static async Task<bool> Succeeds(Task call)
    {
        try
        {
            await call;
            return true;
        }
        catch (HubException)
        {
            return false;
        }
    }
}

using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Routing;

/// <summary>A conversation Waiting in the store but lost from the router's queue is queued again (docs/routing.md#queue-reconciliation).</summary>
public sealed class QueueReconcileTests
{
    [Fact]
    public async Task AWaitingConversationLostFromTheQueue_IsQueuedAgain_AndOffered()
    {
        await using var server = HubServer.Start(settings: new Dictionary<string, string?>
        {
            ["Hub:Routing:LoadReconcileInterval"] = "00:00:00.250",
        });
        var login = await server.CreateAgentAsync("Ada");
        var ada = await server.ConnectAgentAsync(login.Token); // Offline: nothing is offered yet
        var state = server.Service<IRoutingState>();
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var id = (await customer.StartAsync("Is anyone there?")).ConversationId;
        Assert.NotNull(await state.GetTaskAsync(id));

        // What a step that failed halfway leaves: the store says Waiting, the router has no task.
        await state.RemoveTaskAsync(id, TimeProvider.System.GetUtcNow());
        Assert.Equal(ConversationStatus.Waiting, (await server.Service<IConversationStore>().GetAsync(id))!.Status);
        await ada.SetPresenceAsync(PresenceStatus.Available);

        var offer = await ada.Offers.WaitForAsync(o => o.ConversationId == id);
        Assert.Equal(id, offer.ConversationId);
        Assert.NotNull(await state.GetTaskAsync(id));
    }

    [Fact]
    public async Task AConversationClosedWhileUnqueued_IsNotQueuedAgain()
    {
        await using var server = HubServer.Start(settings: new Dictionary<string, string?>
        {
            ["Hub:Routing:LoadReconcileInterval"] = "00:00:00.100",
        });
        var state = server.Service<IRoutingState>();
        var reconciler = server.Service<QueueReconciler>();
        var customer = await server.ConnectCustomerAsync((await server.CreateVisitorAsync()).Token);
        var id = (await customer.StartAsync("Never mind")).ConversationId;
        await state.RemoveTaskAsync(id, TimeProvider.System.GetUtcNow());
        await customer.Connection.InvokeAsync(nameof(CustomerHub.End), new ConversationRequest(id)).WaitAsync(HubServer.Timeout);

        // Two passes of its own see nothing to queue: the store no longer has it Waiting.
        Assert.Equal(0, await reconciler.RunPassAsync());
        Assert.Equal(0, await reconciler.RunPassAsync());
        Assert.Null(await state.GetTaskAsync(id));
    }
}

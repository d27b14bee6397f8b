using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Errors;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Chat;

/// <summary>Sends in flight while the conversation closes: stored before the closing line, or refused.</summary>
public sealed class CloseRaceTests
{
    private const int Rounds = 20;
    private const int SendsPerSide = 4;

    [Fact]
    public Task SendsRacingTheCustomersEnd_AreStoredBeforeTheClosingLine_OrRefusedAsClosed() =>
        RaceAsync(
            "The customer ended the conversation.",
            (customer, _, id) => customer.Connection.InvokeAsync(nameof(CustomerHub.End), new ConversationRequest(id)).WaitAsync(HubServer.Timeout));

    [Fact]
    public Task SendsRacingTheAgentsResolve_AreStoredBeforeTheClosingLine_OrRefusedAsClosed() =>
        RaceAsync("Ada resolved the conversation.", (_, agent, id) => agent.ResolveAsync(id, "Fixed."));

    private static async Task RaceAsync(string closingLine, Func<CustomerClient, AgentClient, string, Task> close)
    {
        await using var server = HubServer.Start();
        var login = await server.CreateAgentAsync("Ada", capacity: 3);
        var agent = await server.ConnectAgentAsync(login.Token);
        var store = server.Service<IConversationStore>();

        for (var round = 0; round < Rounds; round++)
        {
            var visitor = await server.CreateVisitorAsync();
            var customer = await server.ConnectCustomerAsync(visitor.Token);
            var otherTab = await server.ConnectCustomerAsync(visitor.Token);
            var id = (await customer.StartAsync($"Round {round}")).ConversationId;
            await agent.ClaimAsync(id);

            // One connection runs its calls one after the other, so the racers are the other connections' sends.
            var sends = Enumerable.Range(0, SendsPerSide)
                .SelectMany(i => new[]
                {
                    Outcome(customer.SendAsync(id, $"c{i}")), Outcome(otherTab.SendAsync(id, $"t{i}")), Outcome(agent.SendAsync(id, $"a{i}")),
                })
                .ToList();
            await close(customer, agent, id);
            var outcomes = await Task.WhenAll(sends);

            var transcript = await store.GetMessagesAsync(id, 0, 1000, includePrivateNotes: true);
            var closing = Assert.Single(transcript, m => m.Kind == MessageKind.System && m.Text == closingLine);
            Assert.All(transcript.Where(m => m.Kind == MessageKind.Text), m => Assert.True(m.Seq < closing.Seq, $"round {round}: '{m.Text}' at {m.Seq} after the closing line at {closing.Seq}"));
            Assert.All(outcomes, o => Assert.True(o.Seq is { } seq ? seq < closing.Seq : o.Error!.StartsWith(HubErrors.Closed, StringComparison.Ordinal), $"round {round}: {o}"));
            Assert.Equal(outcomes.Count(o => o.Seq is not null), transcript.Count(m => m.Kind == MessageKind.Text) - 1); // minus the first message
        }
    }

    private static async Task<(long? Seq, string? Error)> Outcome(Task<SendMessageResult> send)
    {
        try
        {
            return ((await send).Seq, null);
        }
        catch (HubException e)
        {
            return (null, HubError.Of(e));
        }
    }
}

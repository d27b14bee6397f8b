using System.Net.Http.Json;
using SupportHub.Server.Features.Chat;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Chat;

/// <summary>Text and client ids come back exactly as they were sent, live and from the store, on both storage adapters.</summary>
public sealed class ExactTextTests
{
    [Fact]
    public async Task IndentedTextWithASpacedClientId_ComesBackIdenticalFromResume_AndTheTrimmedIdIsAnotherMessage()
    {
        await using var server = HubServer.Start();
        await SendAndResumeAsync(server);
    }

    [SkippableFact]
    public async Task IndentedTextWithASpacedClientId_ComesBackIdenticalFromResume_OnMongoDb()
    {
        await using var server = HubServer.Start(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:MongoDb"] = await MongoTestServer.ConnectionStringAsync(),
            ["Hub:Mongo:Database"] = $"exact_text_{Guid.NewGuid():N}",
        });
        Assert.Equal("mongodb", (await server.Http.GetFromJsonAsync<Dictionary<string, string>>("/health"))!["documentStore"]);
        await SendAndResumeAsync(server);
    }

    private static async Task SendAndResumeAsync(HubServer server)
    {
        var visitor = await server.CreateVisitorAsync();
        var agent = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada")).Token);
        var customer = await server.ConnectCustomerAsync(visitor.Token);
        var id = (await customer.StartAsync("My invoice is wrong")).ConversationId;
        await agent.ClaimAsync(id);
        await customer.Changes.WaitForAsync(c => c.Id == id && c.Status == ConversationStatus.Active);

        var spaced = await customer.SendAsync(id, "\n  a\n", " x ");
        var bare = await customer.SendAsync(id, "a", "x");
        var retried = await customer.SendAsync(id, "\n  a\n", " x ");

        Assert.Equal((false, false, true), (spaced.Duplicate, bare.Duplicate, retried.Duplicate));
        Assert.Equal(spaced.Seq, retried.Seq);
        var live = await agent.Messages.WaitForAsync(m => m.Seq == spaced.Seq);
        Assert.Equal(("\n  a\n", " x "), (live.Text, live.ClientMessageId));

        await customer.Connection.StopAsync().WaitAsync(HubServer.Timeout);
        var back = await server.ConnectCustomerAsync(visitor.Token);
        var resumed = await back.ResumeAsync(id, spaced.Seq - 1);

        Assert.Equal([("\n  a\n", " x "), ("a", "x")], resumed.Messages.Select(m => (m.Text, m.ClientMessageId)));
    }
}

using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Tickets;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Chat;

public sealed class RestartTests
{
    [Fact]
    public async Task ServerRestartedOnTheSameLiteDbFile_StillHasEveryConversationMessageAndTicket()
    {
        var dataPath = HubServer.NewDataPath();
        try
        {
            string token, resolvedId, openId;
            long resolvedTicket;
            List<(long, SenderRole, string)> transcript;
            await using (var first = HubServer.Start(dataPath))
            {
                var visitor = await first.CreateVisitorAsync();
                token = visitor.Token;
                var agent = await first.ConnectAgentAsync((await first.CreateAgentAsync("Ada")).Token);
                var customer = await first.ConnectCustomerAsync(token);
                var resolved = await customer.StartAsync("Printer offline");
                resolvedId = resolved.ConversationId;
                resolvedTicket = resolved.TicketNumber;
                await agent.ClaimAsync(resolvedId);
                await agent.SendAsync(resolvedId, "Restart the spooler.");
                await customer.SendAsync(resolvedId, "Works now, thanks!");
                await agent.AddNoteAsync(resolvedId, "Known issue after update 3.2");
                await agent.ResolveAsync(resolvedId, "Spooler restarted.");
                openId = (await customer.StartAsync("Second question")).ConversationId;
                transcript = [.. (await first.Service<IConversationStore>().GetMessagesAsync(resolvedId, 0, 100, true)).Select(m => (m.Seq, m.SenderRole, m.Text))];
            }

            await using var second = HubServer.Start(dataPath);
            var store = second.Service<IConversationStore>();

            var after = await store.GetMessagesAsync(resolvedId, 0, 100, true);
            Assert.Equal(transcript, after.Select(m => (m.Seq, m.SenderRole, m.Text)));
            Assert.Equal(6, transcript.Count);
            Assert.Equal(ConversationStatus.Resolved, (await store.GetAsync(resolvedId))!.Status);
            Assert.Equal(ConversationStatus.Waiting, (await store.GetAsync(openId))!.Status);
            var ticket = await second.Service<ITicketStore>().GetByNumberAsync(resolvedTicket);
            Assert.Equal((TicketStatus.Resolved, "Spooler restarted."), (ticket!.Status, ticket.Resolution));

            var customerAgain = await second.ConnectCustomerAsync(token); // the visitor token survives the restart too
            var resumed = await customerAgain.ResumeAsync(openId, 0);
            Assert.Equal("Second question", Assert.Single(resumed.Messages).Text);
            var next = await customerAgain.SendAsync(openId, "Anyone?");
            Assert.Equal(2, next.Seq);
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }
}

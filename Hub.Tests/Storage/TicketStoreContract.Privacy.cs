using SupportHub.Server.Features.Tickets;

namespace SupportHub.Tests.Storage;

/// <summary>A customer's erasure keeps the ticket with its number and history, without its texts.</summary>
public abstract partial class TicketStoreContract
{
    [SkippableFact]
    public async Task Anonymize_ClearsTheTexts_AndKeepsNumberStatusLevelsAgentsAndTimes()
    {
        var store = (await StoresAsync()).Tickets;
        var ticket = await store.CreateAsync(NewTicket(NewId()));
        var escalated = new LevelChange { Level = 2, At = Now(), ByAgentId = "agent-1", Reason = "Carla's refund", Note = "card ends 4242" };
        await store.ChangeLevelAsync(ticket.Id, escalated, TicketStatus.Escalated, Now());
        await store.ResolveAsync(ticket.Id, "agent-2", "refunded to Carla", Now());
        var at = Now();

        Assert.True(await store.AnonymizeAsync(ticket.Id, at));

        var read = (await store.GetAsync(ticket.Id))!;
        Assert.Equal((ticket.Number, TicketStatus.Resolved, 2, "agent-2"), (read.Number, read.Status, read.Level, read.LastAgentId));
        Assert.Equal(((string?)null, (string?)null, at), (read.Subject, read.Resolution, read.UpdatedAt));
        Assert.Equal([1, 2], read.LevelHistory.Select(c => c.Level));
        Assert.Equal([null, "agent-1"], read.LevelHistory.Select(c => c.ByAgentId));
        Assert.All(read.LevelHistory, c => Assert.Equal(((string?)null, (string?)null), (c.Reason, c.Note)));
        Assert.Equal(ticket.ConversationIds, read.ConversationIds);
        Assert.Equal(ticket.Id, (await store.GetByNumberAsync(ticket.Number))!.Id);
        Assert.False(await store.AnonymizeAsync(NewId(), at));
    }
}

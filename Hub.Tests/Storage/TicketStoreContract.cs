using SupportHub.Server.Features.Tickets;

namespace SupportHub.Tests.Storage;

public abstract partial class TicketStoreContract : StoreContract
{
    private const int ConcurrentRounds = 50;

    [SkippableFact]
    public async Task Create_GivesDistinctGapFreeNumbers_EvenUnderConcurrency()
    {
        var store = (await StoresAsync()).Tickets;

        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.CreateAsync(NewTicket(NewId())))));

        var numbers = created.Select(t => t.Number).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => numbers[0] + i), numbers);
        Assert.True(numbers[0] >= 1001);
        foreach (var ticket in created)
        {
            Assert.Equal(ticket.Id, (await store.GetByNumberAsync(ticket.Number))!.Id);
        }
    }

    [SkippableFact]
    public async Task Create_KeepsLevelHistoryAndResolution_AndRoundTripsEveryField()
    {
        var store = (await StoresAsync()).Tickets;
        var ticket = NewTicket(NewId());
        ticket.Status = TicketStatus.Resolved;
        ticket.Level = 3;
        ticket.LevelHistory.Add(new LevelChange { Level = 3, At = Now(), ByAgentId = "agent-1", Reason = "needs a database fix", Note = "Index on orders is corrupt." });
        ticket.Resolution = "Index rebuilt.";
        ticket.ResolvedAt = Now();
        ticket.LastAgentId = "agent-3";

        await store.CreateAsync(ticket);
        var read = await store.GetAsync(ticket.Id);

        Assert.Equivalent(ticket, read, strict: true);
    }

    [SkippableFact]
    public async Task SetLastAgent_ChangesOnlyTheAgentAndUpdatedAt()
    {
        var store = (await StoresAsync()).Tickets;
        var ticket = await store.CreateAsync(NewTicket(NewId()));
        var at = Now().AddMinutes(1);

        Assert.True(await store.SetLastAgentAsync(ticket.Id, "agent-2", at));

        ticket.LastAgentId = "agent-2";
        ticket.UpdatedAt = at;
        Assert.Equivalent(ticket, await store.GetAsync(ticket.Id), strict: true);
    }

    [SkippableFact]
    public async Task ChangeLevel_MovesTheLevel_AppendsHistory_AndSetsTheStatusOnlyWhenGiven()
    {
        var store = (await StoresAsync()).Tickets;
        var ticket = await store.CreateAsync(NewTicket(NewId()));
        var at = Now().AddMinutes(1);
        var escalation = new LevelChange { Level = 3, At = at, ByAgentId = "agent-1", Reason = "needs a database fix", Note = "Index on orders is corrupt." };
        var back = new LevelChange { Level = 1, At = at.AddMinutes(1), Reason = "no answer at level 3" };

        Assert.True(await store.ChangeLevelAsync(ticket.Id, escalation, TicketStatus.Escalated, at));
        Assert.True(await store.ChangeLevelAsync(ticket.Id, back, status: null, at.AddMinutes(1)));

        ticket.LevelHistory.AddRange([escalation, back]);
        ticket.Level = 1;
        ticket.Status = TicketStatus.Escalated;
        ticket.UpdatedAt = at.AddMinutes(1);
        Assert.Equivalent(ticket, await store.GetAsync(ticket.Id), strict: true);
    }

    [SkippableFact]
    public async Task Resolve_ThenReopen_SetAndClearTheResolutionTime_AndRecordTheAgent()
    {
        var store = (await StoresAsync()).Tickets;
        var ticket = await store.CreateAsync(NewTicket(NewId()));
        var resolvedAt = Now().AddMinutes(1);
        var reopenedAt = resolvedAt.AddMinutes(1);

        Assert.True(await store.ResolveAsync(ticket.Id, "agent-1", "Driver reinstalled.", resolvedAt));
        var resolved = (await store.GetAsync(ticket.Id))!;
        Assert.Equal((TicketStatus.Resolved, "Driver reinstalled.", resolvedAt, "agent-1", resolvedAt),
            (resolved.Status, resolved.Resolution, resolved.ResolvedAt, resolved.LastAgentId, resolved.UpdatedAt));

        Assert.True(await store.ReopenAsync(ticket.Id, "agent-2", reopenedAt));
        ticket.Status = TicketStatus.Reopened;
        ticket.Resolution = "Driver reinstalled.";
        ticket.LastAgentId = "agent-2";
        ticket.UpdatedAt = reopenedAt;
        Assert.Equivalent(ticket, await store.GetAsync(ticket.Id), strict: true);
    }

    [SkippableFact]
    public async Task AddConversation_AddsItOnce_AndAnswersTheTicketAfterTheChange()
    {
        var store = (await StoresAsync()).Tickets;
        var ticket = await store.CreateAsync(NewTicket(NewId()));
        var conversationId = NewId();
        var at = Now().AddMinutes(1);

        var first = await store.AddConversationAsync(ticket.Id, conversationId, at);
        var again = await store.AddConversationAsync(ticket.Id, conversationId, at.AddMinutes(1));

        ticket.ConversationIds.Add(conversationId);
        ticket.UpdatedAt = at;
        Assert.Equivalent(ticket, first, strict: true);
        ticket.UpdatedAt = at.AddMinutes(1);
        Assert.Equivalent(ticket, again, strict: true);
        Assert.Equivalent(ticket, await store.GetAsync(ticket.Id), strict: true);
    }

    [SkippableFact]
    public async Task EveryChange_OfAMissingTicket_ChangesNothing()
    {
        var store = (await StoresAsync()).Tickets;
        var id = NewId();
        var at = Now();

        Assert.False(await store.SetLastAgentAsync(id, "agent-1", at));
        Assert.False(await store.ChangeLevelAsync(id, new LevelChange { Level = 2, At = at }, TicketStatus.Escalated, at));
        Assert.False(await store.ResolveAsync(id, "agent-1", "done", at));
        Assert.False(await store.ReopenAsync(id, "agent-1", at));
        Assert.Null(await store.AddConversationAsync(id, NewId(), at));
        Assert.Null(await store.GetAsync(id));
    }

    /// <summary>
    /// The race the targeted updates exist for: an escalation, a new conversation and a new last
    /// agent of one ticket at the same moment. A whole-document replace keeps only one of them.
    /// </summary>
    [SkippableFact]
    public async Task ConcurrentChanges_OfOneTicket_AllSurvive()
    {
        var store = (await StoresAsync()).Tickets;
        for (var round = 0; round < ConcurrentRounds; round++)
        {
            var ticket = await store.CreateAsync(NewTicket(NewId()));
            var conversationId = NewId();
            var change = new LevelChange { Level = 2, At = Now(), ByAgentId = "agent-1", Reason = "round " + round };
            var at = Now();

            await Task.WhenAll(
                Task.Run(() => store.ChangeLevelAsync(ticket.Id, change, TicketStatus.Escalated, at)),
                Task.Run(() => store.AddConversationAsync(ticket.Id, conversationId, at)),
                Task.Run(() => store.SetLastAgentAsync(ticket.Id, "agent-2", at)));

            var read = (await store.GetAsync(ticket.Id))!;
            Assert.Equal((2, TicketStatus.Escalated, "agent-2"), (read.Level, read.Status, read.LastAgentId));
            Assert.Equal([1, 2], read.LevelHistory.Select(h => h.Level));
            Assert.Equal([ticket.ConversationIds[0], conversationId], read.ConversationIds);
        }
    }

    [SkippableFact]
    public async Task Create_WithAnIdThatExists_UnderConcurrency_StoresOneTicket_AndAnswersItToEveryone()
    {
        var store = (await StoresAsync()).Tickets;
        var customer = NewId();
        var id = NewId();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
        {
            var ticket = NewTicket(customer);
            ticket.Id = id;
            return store.CreateAsync(ticket);
        })));

        var stored = Assert.Single(await store.ListByCustomerAsync(customer));
        Assert.All(results, r => Assert.Equal((id, stored.Number), (r.Id, r.Number)));
    }

    [SkippableFact]
    public async Task ListByCustomer_ReturnsOnlyThatCustomersTickets_NewestFirst()
    {
        var store = (await StoresAsync()).Tickets;
        var customer = NewId();
        var first = await store.CreateAsync(NewTicket(customer));
        await store.CreateAsync(NewTicket(NewId()));
        var second = await store.CreateAsync(NewTicket(customer));

        Assert.Equal([second.Id, first.Id], (await store.ListByCustomerAsync(customer)).Select(t => t.Id));
        Assert.Null(await store.GetByNumberAsync(-1));
    }

    private static Ticket NewTicket(string customerId)
    {
        var now = Now();
        return new Ticket
        {
            Id = NewId(),
            CustomerId = customerId,
            Subject = "Printer offline",
            Status = TicketStatus.Open,
            Level = 1,
            LevelHistory = [new LevelChange { Level = 1, At = now, Reason = "opened" }],
            ConversationIds = [NewId()],
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}

public sealed class LiteDbTicketStoreTests : TicketStoreContract
{
    protected override Task<StoreHost> StartStoresAsync() => StartLiteDbAsync();
}

public sealed class MongoTicketStoreTests : TicketStoreContract
{
    protected override Task<StoreHost> StartStoresAsync() => StartMongoAsync();
}

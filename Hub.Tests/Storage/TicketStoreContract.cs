using SupportHub.Server.Features.Tickets;

namespace SupportHub.Tests.Storage;

public abstract class TicketStoreContract : StoreContract
{
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
    public async Task Replace_KeepsLevelHistoryAndResolution_AndRoundTripsEveryField()
    {
        var store = (await StoresAsync()).Tickets;
        var ticket = await store.CreateAsync(NewTicket(NewId()));
        ticket.Status = TicketStatus.Resolved;
        ticket.Level = 3;
        ticket.LevelHistory.Add(new LevelChange { Level = 3, At = Now(), ByAgentId = "agent-1", Reason = "needs a database fix", Note = "Index on orders is corrupt." });
        ticket.Resolution = "Index rebuilt.";
        ticket.ResolvedAt = Now();
        ticket.LastAgentId = "agent-3";

        Assert.True(await store.ReplaceAsync(ticket));
        var read = await store.GetAsync(ticket.Id);

        Assert.Equivalent(ticket, read, strict: true);
        Assert.False(await store.ReplaceAsync(NewTicket(NewId())));
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

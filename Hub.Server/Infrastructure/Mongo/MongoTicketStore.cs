using MongoDB.Bson;
using MongoDB.Driver;
using SupportHub.Server.Features.Tickets;
using static SupportHub.Server.Infrastructure.Mongo.MongoQueries;

namespace SupportHub.Server.Infrastructure.Mongo;

internal sealed class MongoTicketStore : ITicketStore
{
    private const int DuplicateKeyCode = 11000;
    private const int MaxAnonymizeAttempts = 20;

    private readonly IMongoCollection<Ticket> tickets;
    private readonly IMongoCollection<BsonDocument> counters;

    public MongoTicketStore(IMongoDatabase database)
    {
        MongoMappings.EnsureRegistered();
        tickets = database.GetCollection<Ticket>(MongoCollections.Tickets).WithReadPreference(ReadPreference.Primary);
        counters = database.GetCollection<BsonDocument>(MongoCollections.Counters);
    }

    /// <summary>
    /// The number comes from one atomic $inc on a counter document, so concurrent creations on any
    /// number of nodes each get their own number and none is skipped. Without a transaction a
    /// number is lost only if the insert after the $inc fails (a crash, or an id that exists: the
    /// loser of two racing creations of one ticket returns the winner's).
    /// </summary>
    public async Task<Ticket> CreateAsync(Ticket ticket, CancellationToken ct = default)
    {
        if (await GetAsync(ticket.Id, ct) is { } existing)
        {
            return existing;
        }

        ticket.Number = await NextNumberAsync(ct);
        try
        {
            // Not cancellable once the number is drawn: cancelling now would leave a gap.
            await tickets.InsertOneAsync(ticket, cancellationToken: CancellationToken.None);
            return ticket;
        }
        catch (MongoWriteException e) when (e.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            return await GetAsync(ticket.Id, CancellationToken.None)
                ?? throw new InvalidOperationException($"Ticket {ticket.Id} collided with a key that is not its id.", e);
        }
    }

    public async Task<Ticket?> GetAsync(string id, CancellationToken ct = default) =>
        await tickets.Find(TicketById(id)).FirstOrDefaultAsync(ct);

    public async Task<Ticket?> GetByNumberAsync(long number, CancellationToken ct = default) =>
        await tickets.Find(TicketByNumber(number)).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<Ticket>> ListByCustomerAsync(string customerId, CancellationToken ct = default) =>
        await tickets.Find(TicketsByCustomer(customerId)).Sort(TicketsNewestFirst).ToListAsync(ct);

    public Task<bool> SetLastAgentAsync(string id, string agentId, DateTimeOffset at, CancellationToken ct = default) =>
        UpdateAsync(id, SetLastAgentUpdate(agentId, at), ct);

    public Task<bool> ChangeLevelAsync(string id, LevelChange change, TicketStatus? status, DateTimeOffset at, CancellationToken ct = default) =>
        UpdateAsync(id, ChangeLevelUpdate(change, status, at), ct);

    public Task<bool> ResolveAsync(string id, string agentId, string resolution, DateTimeOffset at, CancellationToken ct = default) =>
        UpdateAsync(id, ResolveTicketUpdate(agentId, resolution, at), ct);

    public Task<bool> ReopenAsync(string id, string agentId, DateTimeOffset at, CancellationToken ct = default) =>
        UpdateAsync(id, ReopenTicketUpdate(agentId, at), ct);

    /// <summary>
    /// Rewrites the level history without its texts, on the condition that it still has the entries
    /// read, so an escalation in between is not lost (then it reads again; bounded).
    /// </summary>
    public async Task<bool> AnonymizeAsync(string id, DateTimeOffset at, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await GetAsync(id, ct) is not { } ticket)
            {
                return false;
            }

            var result = await tickets.UpdateOneAsync(
                TicketWithHistoryCount(id, ticket.LevelHistory.Count), AnonymizeTicketUpdate(ticket.LevelHistory, at), cancellationToken: ct);
            if (result.MatchedCount == 1)
            {
                return true;
            }

            if (attempt >= MaxAnonymizeAttempts)
            {
                throw new InvalidOperationException($"Ticket {id} kept changing while it was anonymized ({attempt} attempts).");
            }
        }
    }

    public async Task<Ticket?> AddConversationAsync(string id, string conversationId, DateTimeOffset at, CancellationToken ct = default) =>
        await tickets.FindOneAndUpdateAsync(TicketById(id), AddConversationUpdate(conversationId, at), TicketAfterUpdate, ct);

    private async Task<bool> UpdateAsync(string id, UpdateDefinition<Ticket> update, CancellationToken ct)
    {
        var result = await tickets.UpdateOneAsync(TicketById(id), update, cancellationToken: ct);
        return result.MatchedCount == 1;
    }

    private async Task<long> NextNumberAsync(CancellationToken ct)
    {
        try
        {
            return TicketNumberFrom(await counters.FindOneAndUpdateAsync(TicketCounter, NextTicketCounter, NextTicketCounterOptions, ct));
        }
        catch (MongoCommandException e) when (e.Code == DuplicateKeyCode)
        {
            // Two very first upserts raced to insert the counter. Servers from 4.2 on retry this
            // themselves; on older ones the loser finds the counter in place now.
            return TicketNumberFrom(await counters.FindOneAndUpdateAsync(TicketCounter, NextTicketCounter, NextTicketCounterOptions, ct));
        }
    }
}

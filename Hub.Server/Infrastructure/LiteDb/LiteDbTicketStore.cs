using LiteDB;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Infrastructure.LiteDb;

/// <summary>
/// LiteDB has no partial update, so each change reads, changes and writes the document under
/// <see cref="LiteDbContext.WriteGate"/>, as the conversation transitions do: two changes of one
/// ticket at once run one after the other, and neither overwrites the other. Writes return once
/// they are on disk (<see cref="DurableCommit"/>).
/// </summary>
internal sealed class LiteDbTicketStore(LiteDbContext db, DurableCommit durable) : ITicketStore
{
    private const string TicketCounter = "ticket-number";
    private const long FirstNumber = 1001;

    public Task<Ticket> CreateAsync(Ticket ticket, CancellationToken ct = default)
    {
        lock (db.WriteGate)
        {
            if (db.Tickets.FindById(ticket.Id) is { } existing)
            {
                return durable.AfterCommitAsync(existing);
            }

            var counter = db.Counters.FindById(TicketCounter);
            var next = counter is null ? FirstNumber : counter["value"].AsInt64 + 1;
            db.Database.BeginTrans();
            try
            {
                db.Counters.Upsert(new BsonDocument { ["_id"] = TicketCounter, ["value"] = next });
                ticket.Number = next;
                db.Tickets.Insert(ticket);
                db.Database.Commit();
            }
            catch
            {
                db.Database.Rollback();
                throw;
            }

            return durable.AfterCommitAsync(ticket);
        }
    }

    public Task<Ticket?> GetAsync(string id, CancellationToken ct = default) =>
        Task.FromResult<Ticket?>(db.Tickets.FindById(id));

    public Task<Ticket?> GetByNumberAsync(long number, CancellationToken ct = default) =>
        Task.FromResult<Ticket?>(db.Tickets.FindOne(t => t.Number == number));

    public Task<IReadOnlyList<Ticket>> ListByCustomerAsync(string customerId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Ticket>>(db.Tickets.Query()
            .Where(t => t.CustomerId == customerId)
            .OrderByDescending(t => t.Number)
            .ToList());

    public Task<bool> SetLastAgentAsync(string id, string agentId, DateTimeOffset at, CancellationToken ct = default) =>
        durable.AfterCommitAsync(Change(id, at, t => t.LastAgentId = agentId) is not null);

    public Task<bool> ChangeLevelAsync(string id, LevelChange change, TicketStatus? status, DateTimeOffset at, CancellationToken ct = default) =>
        durable.AfterCommitAsync(Change(id, at, t =>
        {
            t.Level = change.Level;
            t.Status = status ?? t.Status;
            t.LevelHistory.Add(change);
        }) is not null);

    public Task<bool> ResolveAsync(string id, string agentId, string resolution, DateTimeOffset at, CancellationToken ct = default) =>
        durable.AfterCommitAsync(Change(id, at, t =>
        {
            t.Status = TicketStatus.Resolved;
            t.Resolution = resolution;
            t.ResolvedAt = at;
            t.LastAgentId = agentId;
        }) is not null);

    public Task<bool> ReopenAsync(string id, string agentId, DateTimeOffset at, CancellationToken ct = default) =>
        durable.AfterCommitAsync(Change(id, at, t =>
        {
            t.Status = TicketStatus.Reopened;
            t.ResolvedAt = null;
            t.LastAgentId = agentId;
        }) is not null);

    public Task<bool> AnonymizeAsync(string id, DateTimeOffset at, CancellationToken ct = default) =>
        durable.AfterCommitAsync(Change(id, at, t =>
        {
            t.Subject = null;
            t.Resolution = null;
            foreach (var change in t.LevelHistory)
            {
                change.Reason = null;
                change.Note = null;
            }
        }) is not null);

    public Task<Ticket?> AddConversationAsync(string id, string conversationId, DateTimeOffset at, CancellationToken ct = default) =>
        durable.AfterCommitAsync(Change(id, at, t =>
        {
            if (!t.ConversationIds.Contains(conversationId))
            {
                t.ConversationIds.Add(conversationId);
            }
        }));

    /// <summary>The one read-modify-write of a ticket; null when it does not exist.</summary>
    private Ticket? Change(string id, DateTimeOffset at, Action<Ticket> change)
    {
        lock (db.WriteGate)
        {
            var ticket = db.Tickets.FindById(id);
            if (ticket is null)
            {
                return null;
            }

            change(ticket);
            ticket.UpdatedAt = at;
            db.Tickets.Update(ticket);
            return ticket;
        }
    }
}

using LiteDB;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Infrastructure.LiteDb;

internal sealed class LiteDbTicketStore(LiteDbContext db) : ITicketStore
{
    private const string TicketCounter = "ticket-number";
    private const long FirstNumber = 1001;

    public Task<Ticket> CreateAsync(Ticket ticket, CancellationToken ct = default)
    {
        lock (db.WriteGate)
        {
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

            return Task.FromResult(ticket);
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

    public Task<bool> ReplaceAsync(Ticket ticket, CancellationToken ct = default) =>
        Task.FromResult(db.Tickets.Update(ticket));
}

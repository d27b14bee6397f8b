using LiteDB;
using SupportHub.Server.Features.Agents;

namespace SupportHub.Server.Infrastructure.LiteDb;

internal sealed class LiteDbAgentStore(LiteDbContext db) : IAgentStore
{
    public Task<bool> TryCreateAsync(Agent agent, CancellationToken ct = default)
    {
        agent.Email = agent.Email.ToLowerInvariant();
        try
        {
            db.Agents.Insert(agent);
            return Task.FromResult(true);
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return Task.FromResult(false);
        }
    }

    public Task<Agent?> GetAsync(string id, CancellationToken ct = default) =>
        Task.FromResult<Agent?>(db.Agents.FindById(id));

    public Task<Agent?> GetByEmailAsync(string email, CancellationToken ct = default)
    {
        var key = email.ToLowerInvariant();
        return Task.FromResult<Agent?>(db.Agents.FindOne(a => a.Email == key));
    }

    public Task<IReadOnlyList<Agent>> ListAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Agent>>(db.Agents.Query().OrderBy(a => a.Email).ToList());

    public Task<bool> ReplaceAsync(Agent agent, CancellationToken ct = default)
    {
        lock (db.WriteGate)
        {
            if (db.Agents.FindById(agent.Id) is not { } stored)
            {
                return Task.FromResult(false);
            }

            agent.Presence = stored.Presence;
            agent.PresenceChangedAt = stored.PresenceChangedAt;
            return Task.FromResult(db.Agents.Update(agent));
        }
    }

    public Task<bool> SetPresenceAsync(string id, string status, DateTimeOffset at, CancellationToken ct = default)
    {
        lock (db.WriteGate)
        {
            var agent = db.Agents.FindById(id);
            if (agent is null || agent.PresenceChangedAt > at)
            {
                return Task.FromResult(false);
            }

            agent.Presence = status;
            agent.PresenceChangedAt = at;
            return Task.FromResult(db.Agents.Update(agent));
        }
    }
}

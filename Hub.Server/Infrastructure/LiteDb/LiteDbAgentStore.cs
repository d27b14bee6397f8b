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
            agent.PasswordHash = stored.PasswordHash;
            agent.Disabled = stored.Disabled;
            agent.SessionVersion = stored.SessionVersion;
            agent.InvitationHash = stored.InvitationHash;
            agent.InvitationExpiresAt = stored.InvitationExpiresAt;
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

    public Task<Agent?> UpdateProfileAsync(string id, AgentProfileChange change, bool endSessions, CancellationToken ct = default) =>
        Task.FromResult(Change(id, _ => true, agent =>
        {
            agent.DisplayName = change.DisplayName;
            agent.Roles = [.. change.Roles];
            agent.Levels = [.. change.Levels];
            agent.Skills = [.. change.Skills];
            agent.ChatCapacity = change.ChatCapacity;
            agent.VoiceCapacity = change.VoiceCapacity;
            agent.SessionVersion += endSessions ? 1 : 0;
        }));

    public Task<bool> SetDisabledAsync(string id, bool disabled, CancellationToken ct = default) =>
        Task.FromResult(Change(id, _ => true, agent =>
        {
            agent.Disabled = disabled;
            agent.SessionVersion += disabled ? 1 : 0;
        }) is not null);

    public Task<int?> EndSessionsAsync(string id, CancellationToken ct = default) =>
        Task.FromResult(Change(id, _ => true, agent => agent.SessionVersion++)?.SessionVersion);

    public Task<Agent?> TrySetPasswordHashAsync(string id, string expectedHash, string newHash, bool endSessions, CancellationToken ct = default) =>
        Task.FromResult(Change(id, agent => agent.PasswordHash == expectedHash, agent =>
        {
            agent.PasswordHash = newHash;
            agent.InvitationHash = null;
            agent.InvitationExpiresAt = null;
            agent.SessionVersion += endSessions ? 1 : 0;
        }));

    public Task<bool> ResetPasswordAsync(string id, string invitationHash, DateTimeOffset expiresAt, CancellationToken ct = default) =>
        Task.FromResult(Change(id, _ => true, agent =>
        {
            agent.PasswordHash = string.Empty;
            agent.InvitationHash = invitationHash;
            agent.InvitationExpiresAt = expiresAt;
            agent.SessionVersion++;
        }) is not null);

    public Task<Agent?> ConsumeInvitationAsync(string invitationHash, DateTimeOffset now, string passwordHash, CancellationToken ct = default)
    {
        lock (db.WriteGate)
        {
            var agent = db.Agents.FindOne(a => a.InvitationHash == invitationHash);
            if (agent is null || agent.Disabled || !(agent.InvitationExpiresAt > now))
            {
                return Task.FromResult<Agent?>(null);
            }

            agent.PasswordHash = passwordHash;
            agent.InvitationHash = null;
            agent.InvitationExpiresAt = null;
            agent.SessionVersion++;
            return Task.FromResult<Agent?>(db.Agents.Update(agent) ? agent : null);
        }
    }

    /// <summary>Read, check and write under the store's write gate: one atomic step for every other writer.</summary>
    private Agent? Change(string id, Func<Agent, bool> condition, Action<Agent> change)
    {
        lock (db.WriteGate)
        {
            var agent = db.Agents.FindById(id);
            if (agent is null || !condition(agent))
            {
                return null;
            }

            change(agent);
            return db.Agents.Update(agent) ? agent : null;
        }
    }
}

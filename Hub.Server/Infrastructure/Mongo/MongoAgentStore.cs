using MongoDB.Driver;
using SupportHub.Server.Features.Agents;
using static SupportHub.Server.Infrastructure.Mongo.MongoQueries;

namespace SupportHub.Server.Infrastructure.Mongo;

internal sealed class MongoAgentStore : IAgentStore
{
    private readonly IMongoCollection<Agent> agents;

    public MongoAgentStore(IMongoDatabase database)
    {
        MongoMappings.EnsureRegistered();
        agents = database.GetCollection<Agent>(MongoCollections.Agents).WithReadPreference(ReadPreference.Primary);
    }

    /// <summary>The unique e-mail index decides, so two nodes creating the same agent cannot both win.</summary>
    public async Task<bool> TryCreateAsync(Agent agent, CancellationToken ct = default)
    {
        agent.Email = NormalizeEmail(agent.Email);
        try
        {
            await agents.InsertOneAsync(agent, cancellationToken: ct);
            return true;
        }
        catch (MongoWriteException e) when (e.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    }

    public async Task<Agent?> GetAsync(string id, CancellationToken ct = default) =>
        await agents.Find(AgentById(id)).FirstOrDefaultAsync(ct);

    public async Task<Agent?> GetByEmailAsync(string email, CancellationToken ct = default) =>
        await agents.Find(AgentByEmail(email)).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<Agent>> ListAsync(CancellationToken ct = default) =>
        await agents.Find(FilterDefinition<Agent>.Empty).Sort(AgentsByEmail).ToListAsync(ct);

    /// <summary>Field by field, so the presence stays as stored (a replace of a stale copy would undo its last change).</summary>
    public async Task<bool> ReplaceAsync(Agent agent, CancellationToken ct = default)
    {
        agent.Email = NormalizeEmail(agent.Email);
        var result = await agents.UpdateOneAsync(AgentById(agent.Id), AgentAccountUpdate(agent), cancellationToken: ct);
        return result.MatchedCount == 1;
    }

    public async Task<bool> SetPresenceAsync(string id, string status, DateTimeOffset at, CancellationToken ct = default)
    {
        var result = await agents.UpdateOneAsync(PresenceFilter(id, at), PresenceUpdate(status, at), cancellationToken: ct);
        return result.MatchedCount == 1;
    }

    public async Task<Agent?> UpdateProfileAsync(string id, AgentProfileChange change, bool endSessions, CancellationToken ct = default) =>
        await agents.FindOneAndUpdateAsync(AgentById(id), ProfileUpdate(change, endSessions), AgentAfterUpdate, ct);

    public async Task<bool> SetDisabledAsync(string id, bool disabled, CancellationToken ct = default) =>
        (await agents.UpdateOneAsync(AgentById(id), DisabledUpdate(disabled), cancellationToken: ct)).MatchedCount == 1;

    public async Task<int?> EndSessionsAsync(string id, CancellationToken ct = default) =>
        (await agents.FindOneAndUpdateAsync(AgentById(id), EndSessionsUpdate, AgentAfterUpdate, ct))?.SessionVersion;

    public async Task<Agent?> TrySetPasswordHashAsync(string id, string expectedHash, string newHash, bool endSessions, CancellationToken ct = default) =>
        await agents.FindOneAndUpdateAsync(PasswordHashFilter(id, expectedHash), PasswordHashUpdate(newHash, endSessions), AgentAfterUpdate, ct);

    public async Task<bool> ResetPasswordAsync(string id, string invitationHash, DateTimeOffset expiresAt, CancellationToken ct = default) =>
        (await agents.UpdateOneAsync(AgentById(id), ResetPasswordUpdate(invitationHash, expiresAt), cancellationToken: ct)).MatchedCount == 1;

    public async Task<Agent?> ConsumeInvitationAsync(string invitationHash, DateTimeOffset now, string passwordHash, CancellationToken ct = default) =>
        await agents.FindOneAndUpdateAsync(OpenInvitationFilter(invitationHash, now), ConsumeInvitationUpdate(passwordHash), AgentAfterUpdate, ct);
}

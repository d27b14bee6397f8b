using MongoDB.Driver;
using SupportHub.Server.Features.Agents;

namespace SupportHub.Server.Infrastructure.Mongo;

/// <summary>The account steps of the agent store: each one conditional update, pinned by MongoAccountRenderingTests.</summary>
internal static partial class MongoQueries
{
    /// <summary>The agent fields no replace writes: each changes only through its own atomic update.</summary>
    public static readonly string[] AtomicAgentFields =
    [
        nameof(Agent.Presence), nameof(Agent.PresenceChangedAt), nameof(Agent.PasswordHash), nameof(Agent.Disabled),
        nameof(Agent.SessionVersion), nameof(Agent.InvitationHash), nameof(Agent.InvitationExpiresAt),
    ];

    private static UpdateDefinitionBuilder<Agent> AgentUpdate => Builders<Agent>.Update;

    /// <summary>After, so the caller gets the agent as written.</summary>
    public static FindOneAndUpdateOptions<Agent> AgentAfterUpdate => new() { ReturnDocument = ReturnDocument.After };

    public static UpdateDefinition<Agent> ProfileUpdate(AgentProfileChange change, bool endSessions)
    {
        var update = AgentUpdate
            .Set(a => a.DisplayName, change.DisplayName)
            .Set(a => a.Roles, [.. change.Roles])
            .Set(a => a.Levels, [.. change.Levels])
            .Set(a => a.Skills, [.. change.Skills])
            .Set(a => a.ChatCapacity, change.ChatCapacity)
            .Set(a => a.VoiceCapacity, change.VoiceCapacity);
        return endSessions ? update.Inc(a => a.SessionVersion, 1) : update;
    }

    /// <summary>Disabling ends every session in the same update; enabling leaves the version alone.</summary>
    public static UpdateDefinition<Agent> DisabledUpdate(bool disabled) =>
        disabled ? AgentUpdate.Set(a => a.Disabled, true).Inc(a => a.SessionVersion, 1) : AgentUpdate.Set(a => a.Disabled, false);

    public static UpdateDefinition<Agent> EndSessionsUpdate => AgentUpdate.Inc(a => a.SessionVersion, 1);

    /// <summary>Compare-and-set: the agent, while its hash is still the one the caller checked.</summary>
    public static FilterDefinition<Agent> PasswordHashFilter(string id, string expectedHash) =>
        AgentById(id) & Builders<Agent>.Filter.Eq(a => a.PasswordHash, expectedHash);

    public static UpdateDefinition<Agent> PasswordHashUpdate(string newHash, bool endSessions)
    {
        var update = AgentUpdate
            .Set(a => a.PasswordHash, newHash)
            .Set(a => a.InvitationHash, null)
            .Set(a => a.InvitationExpiresAt, null);
        return endSessions ? update.Inc(a => a.SessionVersion, 1) : update;
    }

    public static UpdateDefinition<Agent> ResetPasswordUpdate(string invitationHash, DateTimeOffset expiresAt) =>
        AgentUpdate
            .Set(a => a.PasswordHash, string.Empty)
            .Set(a => a.InvitationHash, invitationHash)
            .Set(a => a.InvitationExpiresAt, expiresAt)
            .Inc(a => a.SessionVersion, 1);

    /// <summary>An enabled agent whose open link has this hash and is still valid at <paramref name="now"/>.</summary>
    public static FilterDefinition<Agent> OpenInvitationFilter(string invitationHash, DateTimeOffset now) =>
        Builders<Agent>.Filter.Eq(a => a.InvitationHash, invitationHash)
        & Builders<Agent>.Filter.Gt(a => a.InvitationExpiresAt, now)
        & Builders<Agent>.Filter.Eq(a => a.Disabled, false);

    /// <summary>Uses the link: the password is set, the link closed and the session version raised, in one update.</summary>
    public static UpdateDefinition<Agent> ConsumeInvitationUpdate(string passwordHash) => PasswordHashUpdate(passwordHash, endSessions: true);
}

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Errors;

namespace SupportHub.Server.Features.Agents;

/// <summary>Setting and changing passwords: one-time links (invitation or reset) and a change by the agent.</summary>
public sealed class PasswordLinks(
    IAgentStore store,
    AgentAccounts accounts,
    SessionRevocation sessions,
    IOptions<AccountOptions> options,
    IPasswordHasher<Agent> hasher,
    TimeProvider time)
{

    /// <summary>An admin's reset: the password stops working, every session ends, and a new link is the way back in.</summary>
    public async Task<PasswordLink> ResetAsync(string agentId, CancellationToken ct)
    {
        var token = InvitationTokens.New();
        var expiresAt = time.GetUtcNow() + options.Value.InvitationLifetime;
        if (!await store.ResetPasswordAsync(agentId, InvitationTokens.Hash(token), expiresAt, ct))
        {
            throw HubErrors.Create(HubErrors.NotFound, $"Agent '{agentId}' does not exist.");
        }

        await sessions.AnnounceAsync(agentId, ct);
        return new PasswordLink(token, InvitationTokens.ConsolePath + token, expiresAt);
    }

    /// <summary>Uses a link once; an unknown, used or expired link (or a disabled agent's) is refused alike.</summary>
    public async Task<Agent> AcceptAsync(string token, string password, CancellationToken ct)
    {
        var hash = hasher.HashPassword(null!, password);
        var agent = await store.ConsumeInvitationAsync(InvitationTokens.Hash(token), time.GetUtcNow(), hash, ct)
            ?? throw HubErrors.Create(HubErrors.NotFound, "This link is unknown, used or expired. Ask an admin for a new one.");
        await sessions.AnnounceAsync(agent.Id, ct);
        return agent;
    }

    /// <summary>The signed-in agent's change: the current password is required; every other session ends.</summary>
    public async Task<Agent> ChangeAsync(string agentId, string currentPassword, string newPassword, CancellationToken ct)
    {
        var agent = await store.GetAsync(agentId, ct);
        if (agent is null || !accounts.Matches(agent, currentPassword))
        {
            throw HubErrors.Create(HubErrors.Forbidden, "The current password is wrong.");
        }

        var changed = await store.TrySetPasswordHashAsync(agentId, agent.PasswordHash, hasher.HashPassword(agent, newPassword), endSessions: true, ct)
            ?? throw HubErrors.Create(HubErrors.Conflict, "The password was changed meanwhile; sign in again.");
        await sessions.AnnounceAsync(agentId, ct);
        return changed;
    }
}

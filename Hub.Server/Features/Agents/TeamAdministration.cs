using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Errors;

namespace SupportHub.Server.Features.Agents;

/// <summary>What admins do to accounts: create, edit, disable and enable (docs/security.md#team-administration-and-sessions).</summary>
public sealed class TeamAdministration(
    IAgentStore store,
    AgentAccounts accounts,
    SessionRevocation sessions,
    IEnumerable<IAgentDisabledHook> disabledHooks,
    IOptions<AccountOptions> options,
    TimeProvider time)
{
    /// <summary>With a password the agent can sign in at once; without, the answer carries a one-time link.</summary>
    public async Task<CreatedAgent> CreateAsync(CreateAgentRequest request, CancellationToken ct)
    {
        var invitation = request.Password is null ? InvitationTokens.New() : null;
        var expiresAt = time.GetUtcNow() + options.Value.InvitationLifetime;
        var agent = await accounts.CreateAsync(
            new NewAgent(request.Email, request.DisplayName, request.Password ?? string.Empty, request.Roles, request.Levels, request.Skills,
                request.ChatCapacity, request.VoiceCapacity),
            invitation is null ? null : (InvitationTokens.Hash(invitation), expiresAt),
            ct) ?? throw HubErrors.Create(HubErrors.Conflict, $"An account for {request.Email.Trim()} exists already.");
        var link = invitation is null ? null : new PasswordLink(invitation, InvitationTokens.ConsolePath + invitation, expiresAt);
        return new CreatedAgent(AgentAccountDto.From(agent), link);
    }

    /// <summary>A change of roles ends the agent's sessions: its tokens carry the old roles.</summary>
    public async Task<AgentAccountDto> UpdateAsync(string id, UpdateAgentRequest request, string adminId, CancellationToken ct)
    {
        var current = await store.GetAsync(id, ct) ?? throw NotFound(id);
        var rolesChanged = !current.Roles.Order().SequenceEqual(request.Roles.Order());
        if (!request.Roles.Contains(AgentRole.Admin))
        {
            await EnsureAnotherAdminAsync(current, adminId, "remove your own admin role", ct);
        }

        var change = new AgentProfileChange(request.DisplayName.Trim(), request.Roles, request.Levels, [.. request.Skills.Distinct()], request.ChatCapacity, request.VoiceCapacity);
        var updated = await store.UpdateProfileAsync(id, change, endSessions: rolesChanged, ct) ?? throw NotFound(id);
        if (rolesChanged)
        {
            await sessions.AnnounceAsync(id, ct);
        }

        return AgentAccountDto.From(updated);
    }

    /// <summary>Disabling ends every session at once and takes the agent offline, as logging out does.</summary>
    public async Task<AgentAccountDto> SetEnabledAsync(string id, bool enabled, string adminId, CancellationToken ct)
    {
        var current = await store.GetAsync(id, ct) ?? throw NotFound(id);
        if (!enabled)
        {
            await EnsureAnotherAdminAsync(current, adminId, "disable yourself", ct);
        }

        if (!await store.SetDisabledAsync(id, !enabled, ct))
        {
            throw NotFound(id);
        }

        if (!enabled)
        {
            await sessions.AnnounceAsync(id, ct);
            foreach (var hook in disabledHooks)
            {
                await hook.AgentDisabledAsync(id, ct);
            }
        }

        return AgentAccountDto.From((await store.GetAsync(id, ct))!);
    }

    /// <summary>An admin may leave the admins (or disable themself) only while another enabled admin remains.</summary>
    private async Task EnsureAnotherAdminAsync(Agent target, string adminId, string what, CancellationToken ct)
    {
        if (target.Id != adminId || !target.Roles.Contains(AgentRole.Admin))
        {
            return;
        }

        var others = (await store.ListAsync(ct)).Count(a => a.Id != adminId && !a.Disabled && a.Roles.Contains(AgentRole.Admin));
        if (others == 0)
        {
            throw HubErrors.Create(HubErrors.Conflict, $"You are the last admin: you cannot {what}. Make another agent admin first.");
        }
    }

    private static UseCaseException NotFound(string id) => HubErrors.Create(HubErrors.NotFound, $"Agent '{id}' does not exist.");
}

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SupportHub.Server.Features.Agents;

/// <summary>
/// Creates agents and checks their passwords with ASP.NET Core's PasswordHasher (PBKDF2, iterations from
/// Hub:Auth:PasswordHashIterations); a hash with fewer iterations is upgraded at sign-in.
/// </summary>
public sealed class AgentAccounts(IAgentStore store, TimeProvider time, IOptions<PasswordHasherOptions> hashing)
{
    private readonly PasswordHasher<Agent> hasher = new(hashing);

    /// <returns>The stored agent, or null when the e-mail is taken.</returns>
    public async Task<Agent?> CreateAsync(NewAgent request, CancellationToken ct = default)
    {
        var agent = new Agent
        {
            Id = HubIds.New(time),
            Email = request.Email.Trim().ToLowerInvariant(),
            DisplayName = request.DisplayName.Trim(),
            PasswordHash = string.Empty,
            Roles = [.. request.Roles],
            Levels = [.. request.Levels],
            Skills = [.. request.Skills],
            ChatCapacity = request.ChatCapacity,
            CreatedAt = time.GetUtcNow(),
        };
        agent.PasswordHash = hasher.HashPassword(agent, request.Password);
        return await store.TryCreateAsync(agent, ct) ? agent : null;
    }

    /// <returns>The agent when the e-mail and password match an enabled account; otherwise null.</returns>
    public async Task<Agent?> VerifyAsync(string email, string password, CancellationToken ct = default)
    {
        var agent = await store.GetByEmailAsync(email.Trim(), ct);
        if (agent is null || agent.Disabled)
        {
            return null;
        }

        var verdict = hasher.VerifyHashedPassword(agent, agent.PasswordHash, password);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            agent.PasswordHash = hasher.HashPassword(agent, password);
            await store.ReplaceAsync(agent, ct);
        }

        return verdict == PasswordVerificationResult.Failed ? null : agent;
    }
}

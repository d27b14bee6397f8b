using Microsoft.AspNetCore.Identity;

namespace SupportHub.Server.Features.Agents;

/// <summary>
/// Creates agents and checks their passwords with ASP.NET Core's PasswordHasher (PBKDF2, iterations from
/// Hub:Auth:PasswordHashIterations); a hash with fewer iterations is upgraded at sign-in.
/// </summary>
public sealed class AgentAccounts(IAgentStore store, DemoAccountPolicy demo, TimeProvider time, IPasswordHasher<Agent> hasher)
{
    private static readonly Agent DummyAgent = new()
    {
        Id = "dummy",
        Email = "dummy",
        DisplayName = "dummy",
        PasswordHash = string.Empty,
        Roles = [],
        Levels = [],
        Skills = [],
    };

    /// <summary>
    /// What an unknown or disabled account's password is checked against, so that sign-in does the
    /// same hashing work whether the e-mail exists or not (no user enumeration by timing). Made by the
    /// same hasher, so it costs what a real hash costs.
    /// </summary>
    private readonly Lazy<string> dummyHash = new(() => hasher.HashPassword(DummyAgent, Guid.NewGuid().ToString("N")));

    /// <param name="invitation">The hash and expiry of a one-time link that sets the password; null for none.</param>
    /// <returns>The stored agent, or null when the e-mail is taken.</returns>
    public async Task<Agent?> CreateAsync(NewAgent request, (string Hash, DateTimeOffset ExpiresAt)? invitation = null, CancellationToken ct = default)
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
            VoiceCapacity = request.VoiceCapacity,
            CreatedAt = time.GetUtcNow(),
            InvitationHash = invitation?.Hash,
            InvitationExpiresAt = invitation?.ExpiresAt,
        };
        if (!string.IsNullOrEmpty(request.Password))
        {
            agent.PasswordHash = hasher.HashPassword(agent, request.Password);
        }

        return await store.TryCreateAsync(agent, ct) ? agent : null;
    }

    /// <summary>
    /// The agent when the e-mail and password match an enabled account that may sign in here (no demo
    /// account outside Development); otherwise null.
    /// </summary>
    public async Task<Agent?> VerifyAsync(string email, string password, CancellationToken ct = default)
    {
        var agent = await store.GetByEmailAsync(email.Trim(), ct);
        if (agent is null || agent.Disabled || string.IsNullOrEmpty(agent.PasswordHash) || demo.Refuses(agent.Email))
        {
            hasher.VerifyHashedPassword(DummyAgent, dummyHash.Value, password);
            return null;
        }

        var verdict = hasher.VerifyHashedPassword(agent, agent.PasswordHash, password);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // Compare-and-set: a password changed meanwhile is never overwritten with the old one.
            await store.TrySetPasswordHashAsync(agent.Id, agent.PasswordHash, hasher.HashPassword(agent, password), endSessions: false, ct);
        }

        return verdict == PasswordVerificationResult.Failed ? null : agent;
    }

    /// <summary>True when <paramref name="password"/> is the agent's current password.</summary>
    public bool Matches(Agent agent, string password) =>
        !string.IsNullOrEmpty(agent.PasswordHash)
        && hasher.VerifyHashedPassword(agent, agent.PasswordHash, password) != PasswordVerificationResult.Failed;
}

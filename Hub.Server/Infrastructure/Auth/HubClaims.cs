namespace SupportHub.Server.Infrastructure.Auth;

/// <summary>Claim types and role names of Hub's tokens, in one place.</summary>
public static class HubClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Level = "level";

    /// <summary>The agent's session version when the token was issued; a higher stored version refuses it.</summary>
    public const string SessionVersion = "sv";

    public const string CustomerRole = "customer";
    public const string AgentRole = "agent";
    public const string SupervisorRole = "supervisor";
    public const string AdminRole = "admin";
}

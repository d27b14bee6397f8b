namespace SupportHub.Server.Infrastructure.Auth;

public static class HubPolicies
{
    /// <summary>A visitor token: its subject is the customer id.</summary>
    public const string Customer = "customer";

    /// <summary>Any staff token: agent, supervisor or admin.</summary>
    public const string Staff = "staff";

    public const string Supervisor = "supervisor";

    public const string Admin = "admin";
}

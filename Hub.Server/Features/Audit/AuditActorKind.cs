namespace SupportHub.Server.Features.Audit;

public enum AuditActorKind
{
    /// <summary>Nobody signed in, e.g. a failed sign-in.</summary>
    Anonymous,

    /// <summary>A staff account: agent, supervisor or admin.</summary>
    Agent,

    Customer,

    /// <summary>Hub itself, e.g. a retention run.</summary>
    System,
}

namespace SupportHub.Tests.Authorization;

/// <summary>Every kind of caller the authorization matrix tries each hub method and endpoint with.</summary>
public enum Caller
{
    Anonymous,

    /// <summary>A visitor token of a customer who does not own the conversation.</summary>
    OtherCustomer,

    /// <summary>The visitor token of the conversation's customer.</summary>
    Customer,

    /// <summary>Level 1, like the conversation, but it is assigned to someone else.</summary>
    UnassignedAgent,

    /// <summary>Level 1; the conversation is assigned to this agent (or was last, once closed).</summary>
    AssignedAgent,

    /// <summary>Level 2 only, while the conversation is at level 1.</summary>
    OtherLevelAgent,

    /// <summary>Supervisor and agent roles, level 3 only: whatever it may do, it may as a supervisor.</summary>
    Supervisor,

    /// <summary>The admin role alone, level 3 only.</summary>
    Admin,
}

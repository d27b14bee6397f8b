namespace SupportHub.Server.Features.Agents;

public enum AgentRole
{
    Agent,
    Supervisor,
    Admin,
}

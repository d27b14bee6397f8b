namespace SupportHub.Server.Features.Agents;

/// <summary>What a node does when an agent's sessions end: a hook the chat feature implements (it closes the connections).</summary>
public interface ISessionsEndedListener
{
    void SessionsEnded(string agentId);
}

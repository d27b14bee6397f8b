using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using SupportHub.Server.Features.Agents;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// This node's open agent-hub connections by agent, so that ending an agent's sessions (logout,
/// disable, password or role change, reached here by <see cref="ISessionsEndedSignal"/>) closes them at once.
/// </summary>
internal sealed partial class AgentConnections(ILogger<AgentConnections> logger) : ISessionsEndedListener
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> byAgent = new(StringComparer.Ordinal);

    public void Add(string agentId, HubCallerContext connection) =>
        byAgent.GetOrAdd(agentId, _ => new(StringComparer.Ordinal))[connection.ConnectionId] = connection;

    public void Remove(string agentId, string connectionId)
    {
        if (byAgent.TryGetValue(agentId, out var connections))
        {
            connections.TryRemove(connectionId, out _);
        }
    }

    public void SessionsEnded(string agentId)
    {
        if (!byAgent.TryGetValue(agentId, out var connections))
        {
            return;
        }

        foreach (var connection in connections.Values)
        {
            LogConnectionClosed(connection.ConnectionId, agentId);
            connection.Abort();
        }
    }

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Closed hub connection {ConnectionId}: the sessions of agent {AgentId} ended")]
    private partial void LogConnectionClosed(string connectionId, string agentId);
}

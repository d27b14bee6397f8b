namespace SupportHub.Server.Features.Agents;

/// <summary>One node: the signal is a direct call of this node's listeners.</summary>
internal sealed class InProcessSessionsEndedSignal(IEnumerable<ISessionsEndedListener> listeners) : ISessionsEndedSignal
{
    public Task PublishAsync(string agentId, CancellationToken ct = default)
    {
        foreach (var listener in listeners)
        {
            listener.SessionsEnded(agentId);
        }

        return Task.CompletedTask;
    }
}

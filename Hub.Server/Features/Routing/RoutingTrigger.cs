using System.Threading.Channels;

namespace SupportHub.Server.Features.Routing;

/// <summary>Asks this node's router for a pass now (a task arrived, an agent freed up) instead of at the next sweep.</summary>
public sealed class RoutingTrigger
{
    private readonly Channel<bool> kicks = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Kick() => kicks.Writer.TryWrite(true);

    public async Task WaitAsync(CancellationToken ct) => await kicks.Reader.ReadAsync(ct);
}

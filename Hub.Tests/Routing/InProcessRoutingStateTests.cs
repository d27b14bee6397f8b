using SupportHub.Server.Features.Routing;
using SupportHub.Server.Infrastructure.InProcess;

namespace SupportHub.Tests.Routing;

public sealed class InProcessRoutingStateTests : RoutingStateContract
{
    protected override Task<IRoutingState> CreateStateAsync() => Task.FromResult<IRoutingState>(new InProcessRoutingState());
}

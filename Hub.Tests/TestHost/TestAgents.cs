using SupportHub.Server.Features.Agents;

namespace SupportHub.Tests.TestHost;

/// <summary>Agent accounts for tests: a unique e-mail per call, one known password.</summary>
public static class TestAgents
{
    public const string Password = "correct horse battery staple";

    /// <summary>The demo-account rule of a node outside Development, for accounts made outside a running node.</summary>
    public static DemoAccountPolicy DemoPolicy { get; } = new(
        new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Testing" },
        Microsoft.Extensions.Logging.Abstractions.NullLogger<DemoAccountPolicy>.Instance);

    public static NewAgent New(string name, int[]? levels = null, AgentRole[]? roles = null, int capacity = 3, string[]? skills = null) =>
        new($"{name.ToLowerInvariant().Replace(' ', '-')}-{Guid.NewGuid():N}@test.hub", name, Password,
            roles ?? [AgentRole.Agent], levels ?? [1], skills ?? ["general", "billing"], capacity);
}

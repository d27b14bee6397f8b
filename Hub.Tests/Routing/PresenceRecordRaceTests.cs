using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Routing;

/// <summary>
/// Devices of one agent change its status at the same moment: the status recorded for the next
/// restart must be the one the router kept, not whichever write reached the store last.
/// </summary>
public sealed class PresenceRecordRaceTests
{
    private const int Rounds = 20;

    [Fact]
    public async Task DevicesChangingTheStatusAtOnce_RecordTheStatusTheRouterKept()
    {
        await using var server = HubServer.Start();
        var login = await server.CreateAgentAsync("Ada", [1]);
        var devices = new List<AgentClient>();
        for (var i = 0; i < 4; i++)
        {
            devices.Add(await server.ConnectAgentAsync(login.Token));
        }

        var presence = server.Service<PresenceService>();
        var store = server.Service<IAgentStore>();
        PresenceStatus[] statuses = [PresenceStatus.Available, PresenceStatus.Busy, PresenceStatus.Away];

        var mismatches = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var start = round;
            await Task.WhenAll(devices.Select((device, i) => Task.Run(() => device.SetPresenceAsync(statuses[(start + i) % 3]))));

            var kept = (await presence.GetAsync(login.Agent.Id)).Status;
            var recorded = (await store.GetAsync(login.Agent.Id))!.Presence;
            if (recorded != kept.ToString())
            {
                mismatches.Add($"round {round}: router kept {kept}, recorded {recorded}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }
}

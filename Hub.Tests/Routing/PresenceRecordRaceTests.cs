using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Routing;

/// <summary>
/// Two devices of one agent change its status at the same moment: the status recorded for the next
/// restart must be the one the router kept, not whichever write reached the store last.
/// </summary>
public sealed class PresenceRecordRaceTests
{
    private const int Rounds = 20;

    [Fact]
    public async Task TwoDevicesChangingTheStatusAtOnce_RecordTheStatusTheRouterKept()
    {
        await using var server = HubServer.Start();
        var login = await server.CreateAgentAsync("Ada", [1]);
        var laptop = await server.ConnectAgentAsync(login.Token);
        var phone = await server.ConnectAgentAsync(login.Token);
        var presence = server.Service<PresenceService>();
        var store = server.Service<IAgentStore>();
        PresenceStatus[] statuses = [PresenceStatus.Available, PresenceStatus.Busy, PresenceStatus.Away];

        var mismatches = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var a = statuses[round % 3];
            var b = statuses[(round + 1) % 3];
            await Task.WhenAll(
                Task.Run(() => laptop.SetPresenceAsync(a)),
                Task.Run(() => phone.SetPresenceAsync(b)));

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

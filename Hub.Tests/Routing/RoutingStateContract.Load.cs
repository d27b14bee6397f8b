using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;

namespace SupportHub.Tests.Routing;

/// <summary>The two conditional steps of the load reconciliation (LoadReconciler), on every adapter.</summary>
public abstract partial class RoutingStateContract
{
    [SkippableFact]
    public async Task TryDropLoad_RemovesAnEntryOnEitherChannel_ButNeverTheAgentsOpenOffer()
    {
        var agent = await AgentAsync(chatCapacity: 3);
        var rival = await AgentAsync();
        var offered = await TaskAsync();
        var offeredToRival = await TaskAsync();
        Assert.True(await State.TryReserveAsync(offered, agent, T0.AddSeconds(30), T0));
        Assert.True(await State.TryReserveAsync(offeredToRival, rival, T0.AddSeconds(30), T0));
        var held = NewId();
        var call = NewId();
        Assert.True(await State.TryAssignAsync(held, Channel.Chat, agent, T0));
        Assert.True(await State.TryAssignAsync(call, Channel.Voice, agent, T0));
        Assert.False(await State.TryAssignAsync(offeredToRival, Channel.Chat, agent, T0)); // offered to the rival

        Assert.False(await State.TryDropLoadAsync(agent, offered)); // a live offer stays
        Assert.True(await State.TryDropLoadAsync(agent, held));
        Assert.True(await State.TryDropLoadAsync(agent, call));
        Assert.False(await State.TryDropLoadAsync(agent, held)); // gone already
        Assert.False(await State.TryDropLoadAsync(NewId(), held)); // unknown agent

        Assert.Equal([offered], await State.GetLoadAsync(agent));
        Assert.Equal(agent, (await State.GetTaskAsync(offered))!.OfferedTo);
        var presence = (await State.GetAgentAsync(agent, T0))!;
        Assert.Equal((1, 0), (presence.ChatLoad, presence.VoiceLoad));
    }

    [SkippableFact]
    public async Task TryRestoreLoad_CountsAHeldConversationAgain_ButNotAQueuedOne_NorForAnUnknownAgent()
    {
        var agent = await AgentAsync(chatCapacity: 1);
        var held = NewId();
        var other = NewId();
        var queued = await TaskAsync();

        Assert.True(await State.TryRestoreLoadAsync(agent, held, Channel.Chat));
        Assert.False(await State.TryRestoreLoadAsync(agent, held, Channel.Chat)); // counted already
        Assert.True(await State.TryRestoreLoadAsync(agent, other, Channel.Chat)); // the store says it holds it: no capacity check
        Assert.True(await State.TryRestoreLoadAsync(agent, NewId(), Channel.Voice));
        Assert.False(await State.TryRestoreLoadAsync(agent, queued, Channel.Chat)); // waits for an agent: nobody holds it
        Assert.False(await State.TryRestoreLoadAsync(NewId(), NewId(), Channel.Chat));

        var presence = (await State.GetAgentAsync(agent, T0))!;
        Assert.Equal((2, 1), (presence.ChatLoad, presence.VoiceLoad));
        Assert.False(await State.TryReserveAsync(queued, agent, T0.AddSeconds(30), T0)); // over capacity now, so no offers
    }

    [SkippableFact]
    public async Task ConcurrentDropsAndReserves_NeverDropAnOfferThatWasMade()
    {
        var agent = await AgentAsync(chatCapacity: 20);
        var tasks = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            tasks.Add(await TaskAsync());
        }

        var outcomes = await Task.WhenAll(tasks.Select(async task =>
        {
            var reserve = Task.Run(() => State.TryReserveAsync(task, agent, T0.AddSeconds(30), T0));
            var drop = Task.Run(() => State.TryDropLoadAsync(agent, task));
            return (Reserved: await reserve, Dropped: await drop);
        }));

        Assert.All(outcomes, o => Assert.Equal((true, false), (o.Reserved, o.Dropped)));
        Assert.Equal(tasks.Order(StringComparer.Ordinal), (await State.GetLoadAsync(agent)).Order(StringComparer.Ordinal));
    }
}

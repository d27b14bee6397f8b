using SupportHub.Server.Features.Audit;

namespace SupportHub.Tests.Storage;

public abstract class AuditLogContract : StoreContract
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    /// <summary>Ids ordered as time orders them, as <c>HubIds.New</c> makes them.</summary>
    private static AuditEntry Entry(int minute, string actorId, string action, string targetType, string targetId) => new()
    {
        Id = Guid.CreateVersion7(Start.AddMinutes(minute)).ToString("N"),
        At = Start.AddMinutes(minute),
        ActorId = actorId,
        ActorKind = AuditActorKind.Agent,
        ActorName = "Name of " + actorId,
        Action = action,
        TargetType = targetType,
        TargetId = targetId,
        Details = "minute " + minute,
        ClientAddress = "127.0.0.1",
    };

    [SkippableFact]
    public async Task Append_ThenQuery_ReturnsTheEntryAsStored()
    {
        var log = (await StoresAsync()).Audit;
        var entry = Entry(0, NewId(), AuditActions.Reopened, AuditTargets.Conversation, NewId());

        await log.AppendAsync(entry);

        var stored = Assert.Single(await log.QueryAsync(new AuditQuery(ActorId: entry.ActorId)));
        Assert.Equivalent(entry, stored, strict: true);
    }

    [SkippableFact]
    public async Task Append_OfAnIdStoredAlready_Throws_AndKeepsTheFirst()
    {
        var log = (await StoresAsync()).Audit;
        var first = Entry(0, NewId(), AuditActions.SignInSucceeded, AuditTargets.Agent, NewId());
        await log.AppendAsync(first);
        var second = Entry(1, NewId(), AuditActions.SignInFailed, AuditTargets.Agent, NewId());
        second.Id = first.Id;

        await Assert.ThrowsAnyAsync<Exception>(() => log.AppendAsync(second));

        Assert.Equal(AuditActions.SignInSucceeded, Assert.Single(await log.QueryAsync(new AuditQuery(ActorId: first.ActorId))).Action);
        Assert.Empty(await log.QueryAsync(new AuditQuery(ActorId: second.ActorId)));
    }

    [SkippableFact]
    public async Task Query_FiltersByActorActionTargetAndTime_NewestFirst()
    {
        var log = (await StoresAsync()).Audit;
        var ada = NewId();
        var ben = NewId();
        var conversation = NewId();
        var ticket = NewId();
        var entries = new[]
        {
            Entry(0, ada, AuditActions.Claimed, AuditTargets.Conversation, conversation),
            Entry(1, ben, AuditActions.TranscriptRead, AuditTargets.Conversation, conversation),
            Entry(2, ada, AuditActions.TicketRead, AuditTargets.Ticket, ticket),
            Entry(3, ada, AuditActions.Escalated, AuditTargets.Conversation, conversation),
            Entry(4, ben, AuditActions.TicketRead, AuditTargets.Ticket, ticket),
        };
        foreach (var entry in entries.Reverse())
        {
            await log.AppendAsync(entry);
        }

        async Task<string[]> Details(AuditQuery query) => [.. (await log.QueryAsync(query)).Select(e => e.Details!)];

        Assert.Equal(["minute 3", "minute 2", "minute 0"], await Details(new AuditQuery(ActorId: ada)));
        Assert.Equal(["minute 4", "minute 2"], await Details(new AuditQuery(Action: AuditActions.TicketRead, TargetId: ticket)));
        Assert.Equal(["minute 3", "minute 1", "minute 0"], await Details(new AuditQuery(TargetType: AuditTargets.Conversation, TargetId: conversation)));
        Assert.Equal(["minute 1"], await Details(new AuditQuery(ActorId: ben, TargetId: conversation)));
        Assert.Equal(["minute 3", "minute 2"], await Details(new AuditQuery(ActorId: ada, From: Start.AddMinutes(1), To: Start.AddMinutes(4))));
        Assert.Equal(["minute 2"], await Details(new AuditQuery(ActorId: ada, From: Start.AddMinutes(2), To: Start.AddMinutes(3))));
        Assert.Empty(await Details(new AuditQuery(ActorId: NewId())));
    }

    [SkippableFact]
    public async Task Query_Pages_WithLimitAndBefore_WithoutGapsOrRepeats()
    {
        var log = (await StoresAsync()).Audit;
        var actor = NewId();
        for (var minute = 0; minute < 7; minute++)
        {
            await log.AppendAsync(Entry(minute, actor, AuditActions.TranscriptRead, AuditTargets.Conversation, NewId()));
        }

        var seen = new List<string>();
        string? before = null;
        for (var page = 0; page < 10; page++)
        {
            var entries = await log.QueryAsync(new AuditQuery(ActorId: actor, Before: before, Limit: 3));
            if (entries.Count == 0)
            {
                break;
            }

            Assert.True(entries.Count <= 3);
            seen.AddRange(entries.Select(e => e.Details!));
            before = entries[^1].Id;
        }

        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(m => "minute " + m), seen);
    }
}

public sealed class LiteDbAuditLogTests : AuditLogContract
{
    protected override Task<StoreHost> StartStoresAsync() => StartLiteDbAsync();
}

public sealed class MongoAuditLogTests : AuditLogContract
{
    protected override Task<StoreHost> StartStoresAsync() => StartMongoAsync();
}

using SupportHub.Server.Features.Chat;

namespace SupportHub.Tests.Storage;

public abstract partial class ConversationStoreContract : StoreContract
{
    [SkippableFact]
    public async Task Create_ThenGet_RoundTripsEveryField()
    {
        var store = (await StoresAsync()).Conversations;
        var conversation = NewConversation();
        conversation.Skill = "billing";
        conversation.Priority = 5;
        conversation.Level = 2;
        conversation.Channel = Channel.Voice;
        conversation.Call = new ConversationCall { CallSid = "CA" + NewId(), Kind = CallKind.FollowUp, CallerNumber = "+4917012345678" };

        await store.CreateAsync(conversation);
        var read = await store.GetAsync(conversation.Id);

        Assert.NotNull(read);
        Assert.Equivalent(conversation, read, strict: true);
        Assert.Equal((conversation.Call.CallSid, CallKind.FollowUp, "+4917012345678"), (read.Call!.CallSid, read.Call.Kind, read.Call.CallerNumber));
        Assert.Equal(TimeSpan.Zero, read.CreatedAt.Offset);
        Assert.Null(await store.GetAsync(NewId()));
    }

    [SkippableFact]
    public async Task Append_GivesSeqsFromOneInOrder_AndDuplicateClientIdsReturnTheFirst()
    {
        var store = (await StoresAsync()).Conversations;
        var conversation = await CreateAsync(store);

        var first = await store.AppendAsync(Message(conversation.Id, "a", "hello"));
        var second = await store.AppendAsync(Message(conversation.Id, "b", "world"));
        var again = await store.AppendAsync(Message(conversation.Id, "a", "hello (retry)"));
        var system = await store.AppendAsync(Message(conversation.Id, null, "joined"));

        Assert.Equal((1L, 2L, 3L), (first.Message.Seq, second.Message.Seq, system.Message.Seq));
        Assert.True(again.Duplicate);
        Assert.Equal((1L, "hello"), (again.Message.Seq, again.Message.Text));
        var stored = await store.GetMessagesAsync(conversation.Id, 0, 100, true);
        Assert.Equal(["hello", "world", "joined"], stored.Select(m => m.Text));
        Assert.Equal(3, (await store.GetAsync(conversation.Id))!.LastSeq);
        Assert.Equal(2, (await store.FindByClientMessageIdAsync(conversation.Id, "b"))!.Seq);
        Assert.Null(await store.FindByClientMessageIdAsync(conversation.Id, "zzz"));
        Assert.Null(await store.FindByClientMessageIdAsync(NewId(), "a"));
    }

    [SkippableFact]
    public async Task Append_KeepsTextAndClientIdExactlyAsSent_AndIdsDifferingInSpacesOrCaseAreDistinct()
    {
        var store = (await StoresAsync()).Conversations;
        var conversation = await CreateAsync(store);

        var spaced = await store.AppendAsync(Message(conversation.Id, " x ", "\n  a\n"));
        var bare = await store.AppendAsync(Message(conversation.Id, "x", "bare"));
        var upper = await store.AppendAsync(Message(conversation.Id, "X", "upper"));
        var empty = await store.AppendAsync(Message(conversation.Id, "e", string.Empty));

        Assert.Equal((false, false, false, false), (spaced.Duplicate, bare.Duplicate, upper.Duplicate, empty.Duplicate));
        var stored = await store.GetMessagesAsync(conversation.Id, 0, 100, true);
        Assert.Equal([("\n  a\n", " x "), ("bare", "x"), ("upper", "X"), (string.Empty, "e")], stored.Select(m => (m.Text, m.ClientMessageId)));
        Assert.Equal(spaced.Message.Seq, (await store.FindByClientMessageIdAsync(conversation.Id, " x "))!.Seq);
        Assert.Equal(bare.Message.Seq, (await store.FindByClientMessageIdAsync(conversation.Id, "x"))!.Seq);
        Assert.Equal(upper.Message.Seq, (await store.FindByClientMessageIdAsync(conversation.Id, "X"))!.Seq);
        Assert.Null(await store.FindByClientMessageIdAsync(conversation.Id, "x "));
    }

    [SkippableFact]
    public async Task Append_UnderConcurrency_GivesDistinctGapFreeSeqs()
    {
        var store = (await StoresAsync()).Conversations;
        var conversation = await CreateAsync(store);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(() => store.AppendAsync(Message(conversation.Id, $"m{i % 80}", $"text {i}")))));

        var fresh = results.Where(r => !r.Duplicate).Select(r => r.Message.Seq).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), fresh);
        var stored = await store.GetMessagesAsync(conversation.Id, 0, 1000, true);
        Assert.Equal(80, stored.Count);
        Assert.Equal(stored.Select(m => m.ClientMessageId).Distinct().Count(), stored.Count);
        Assert.All(results, r => Assert.Contains(stored, m => m.Seq == r.Message.Seq && m.ClientMessageId == r.Message.ClientMessageId));
    }

    [SkippableFact]
    public async Task GetMessages_ReturnsOnlyAfterSeq_InOrder_Limited_AndOnlyFromItsConversation()
    {
        var store = (await StoresAsync()).Conversations;
        var conversation = await CreateAsync(store);
        var neighbour = NewConversation();
        neighbour.Id = conversation.Id + "1"; // shares the prefix of the id
        await store.CreateAsync(neighbour);
        for (var i = 1; i <= 12; i++)
        {
            await store.AppendAsync(Message(conversation.Id, $"c{i}", $"m{i}"));
            await store.AppendAsync(Message(neighbour.Id, $"c{i}", $"other {i}"));
        }

        var page = await store.GetMessagesAsync(conversation.Id, 9, 100, true);
        var limited = await store.GetMessagesAsync(conversation.Id, 2, 3, true);

        Assert.Equal([10L, 11L, 12L], page.Select(m => m.Seq));
        Assert.Equal([3L, 4L, 5L], limited.Select(m => m.Seq));
        Assert.All(page.Concat(limited), m => Assert.Equal(conversation.Id, m.ConversationId));
        Assert.Empty(await store.GetMessagesAsync(conversation.Id, 12, 100, true));
    }

    [SkippableFact]
    public async Task GetMessages_LeavesOutPrivateNotes_UnlessAskedFor()
    {
        var store = (await StoresAsync()).Conversations;
        var conversation = await CreateAsync(store);
        await store.AppendAsync(Message(conversation.Id, "1", "visible"));
        await store.AppendAsync(Message(conversation.Id, "2", "note", MessageKind.PrivateNote));
        await store.AppendAsync(Message(conversation.Id, "3", "visible too"));

        var customerView = await store.GetMessagesAsync(conversation.Id, 0, 100, includePrivateNotes: false);
        var staffView = await store.GetMessagesAsync(conversation.Id, 0, 100, includePrivateNotes: true);

        Assert.Equal([1L, 3L], customerView.Select(m => m.Seq));
        Assert.Equal([1L, 2L, 3L], staffView.Select(m => m.Seq));
    }

    [SkippableFact]
    public async Task TryAssign_SucceedsOnlyForAWaitingConversation()
    {
        var store = (await StoresAsync()).Conversations;
        var conversation = await CreateAsync(store);
        var at = Now();

        Assert.True(await store.TryAssignAsync(conversation.Id, "agent-1", at));
        Assert.False(await store.TryAssignAsync(conversation.Id, "agent-2", at));
        Assert.False(await store.TryAssignAsync(NewId(), "agent-2", at));

        var read = (await store.GetAsync(conversation.Id))!;
        Assert.Equal((ConversationStatus.Active, "agent-1", at), (read.Status, read.AssignedAgentId, read.AssignedAt!.Value));
    }

    [SkippableFact]
    public async Task TryClose_SucceedsOnlyWhileOpen()
    {
        var store = (await StoresAsync()).Conversations;
        var conversation = await CreateAsync(store);

        Assert.True(await store.TryCloseAsync(conversation.Id, ConversationStatus.Ended, Now()));
        Assert.False(await store.TryCloseAsync(conversation.Id, ConversationStatus.Resolved, Now()));
        Assert.False(await store.TryAssignAsync(conversation.Id, "agent-1", Now()));
        Assert.Equal(ConversationStatus.Ended, (await store.GetAsync(conversation.Id))!.Status);
    }

    [SkippableFact]
    public async Task TryRequeue_OnlyWhileHeldByTheExpectedAgent_AndTryReassign_OnlyWhileOpen()
    {
        var store = (await StoresAsync()).Conversations;
        var conversation = await CreateAsync(store);
        await store.TryAssignAsync(conversation.Id, "agent-1", Now());

        Assert.False(await store.TryRequeueAsync(conversation.Id, "agent-2", 2));
        Assert.False(await store.TryRequeueAsync(conversation.Id, null, 2)); // held: not a waiting conversation
        Assert.True(await store.TryRequeueAsync(conversation.Id, "agent-1", 3));
        var waiting = (await store.GetAsync(conversation.Id))!;
        Assert.Equal((ConversationStatus.Waiting, (string?)null, 3), (waiting.Status, waiting.AssignedAgentId, waiting.Level));
        Assert.True(await store.TryRequeueAsync(conversation.Id, null, 2)); // a waiting conversation changes level

        Assert.True(await store.TryReassignAsync(conversation.Id, "agent-3", Now()));
        Assert.True(await store.TryReassignAsync(conversation.Id, "agent-4", Now()));
        Assert.Equal((ConversationStatus.Active, "agent-4"), ((await store.GetAsync(conversation.Id))!.Status, (await store.GetAsync(conversation.Id))!.AssignedAgentId));
        await store.TryCloseAsync(conversation.Id, ConversationStatus.Resolved, Now());
        Assert.False(await store.TryReassignAsync(conversation.Id, "agent-5", Now()));
        Assert.False(await store.TryRequeueAsync(conversation.Id, null, 1));
    }

    [SkippableFact]
    public async Task TryRate_WorksOnceAndOnlyOnAClosedConversation()
    {
        var store = (await StoresAsync()).Conversations;
        var conversation = await CreateAsync(store);
        var at = Now();

        Assert.False(await store.TryRateAsync(conversation.Id, 5, "too early", at));
        await store.TryCloseAsync(conversation.Id, ConversationStatus.Resolved, at);
        Assert.True(await store.TryRateAsync(conversation.Id, 4, "Quick and friendly", at));
        Assert.False(await store.TryRateAsync(conversation.Id, 1, "changed my mind", at));
        Assert.False(await store.TryRateAsync(NewId(), 3, null, at));

        var rated = (await store.GetAsync(conversation.Id))!;
        Assert.Equal((4, "Quick and friendly", at), (rated.Rating!.Value, rated.RatingComment, rated.RatedAt!.Value));
    }

    [SkippableFact]
    public async Task TryReopen_OnlyOpensAClosedConversation_ForTheAgent()
    {
        var store = (await StoresAsync()).Conversations;
        var conversation = await CreateAsync(store);

        Assert.False(await store.TryReopenAsync(conversation.Id, "agent-1", Now()));
        await store.TryCloseAsync(conversation.Id, ConversationStatus.Resolved, Now());
        Assert.True(await store.TryReopenAsync(conversation.Id, "agent-2", Now()));
        Assert.False(await store.TryReopenAsync(conversation.Id, "agent-3", Now()));

        var reopened = (await store.GetAsync(conversation.Id))!;
        Assert.Equal((ConversationStatus.Active, "agent-2", (DateTimeOffset?)null), (reopened.Status, reopened.AssignedAgentId, reopened.ClosedAt));
    }

    [SkippableFact]
    public async Task Lists_AreFilteredAndOrdered()
    {
        var store = (await StoresAsync()).Conversations;
        var customer = NewId();
        var agent = NewId();
        var start = Now().AddMinutes(-10);
        var older = NewConversation(customer, start);
        var newer = NewConversation(customer, start.AddMinutes(1));
        var assigned = NewConversation(customer, start.AddMinutes(2));
        foreach (var c in new[] { newer, older, assigned })
        {
            await store.CreateAsync(c);
        }

        await store.TryAssignAsync(assigned.Id, agent, Now());

        Assert.Equal([assigned.Id, newer.Id, older.Id], (await store.ListByCustomerAsync(customer)).Select(c => c.Id));
        Assert.Equal([assigned.Id], (await store.ListOpenByAgentAsync(agent)).Select(c => c.Id));
        var waiting = (await store.ListByStatusAsync(ConversationStatus.Waiting, 10_000)).Select(c => c.Id).ToList();
        Assert.True(waiting.IndexOf(older.Id) < waiting.IndexOf(newer.Id));
        Assert.DoesNotContain(assigned.Id, waiting);
        Assert.Single(await store.ListByStatusAsync(ConversationStatus.Waiting, 1));
    }

    [SkippableFact]
    public async Task CreateOrGetStart_KeepsOneConversationPerCustomerAndStartKey()
    {
        var store = (await StoresAsync()).Conversations;
        var first = NewConversation();
        var repeat = NewConversation(first.CustomerId);
        repeat.StartClientMessageId = first.StartClientMessageId;
        var otherCustomer = NewConversation();
        otherCustomer.StartClientMessageId = first.StartClientMessageId;

        var stored = await store.CreateOrGetStartAsync(first);
        var again = await store.CreateOrGetStartAsync(repeat);
        var elsewhere = await store.CreateOrGetStartAsync(otherCustomer);

        Assert.Equal((first.Id, first.Id, otherCustomer.Id), (stored.Id, again.Id, elsewhere.Id));
        Assert.Null(await store.GetAsync(repeat.Id));
        Assert.Equal(first.Id, (await store.FindStartAsync(first.CustomerId, first.StartClientMessageId!))!.Id);
        Assert.Null(await store.FindStartAsync(first.CustomerId, NewId()));
        Assert.Null(await store.FindStartAsync(NewId(), first.StartClientMessageId!));
    }

    [SkippableFact]
    public async Task CreateOrGetStart_UnderConcurrency_StoresOneAndAnswersItToEveryone()
    {
        var store = (await StoresAsync()).Conversations;
        var customer = NewId();
        var key = NewId();
        var attempts = Enumerable.Range(0, 20).Select(_ =>
        {
            var conversation = NewConversation(customer);
            conversation.StartClientMessageId = key;
            return conversation;
        }).ToList();

        var results = await Task.WhenAll(attempts.Select(c => Task.Run(() => store.CreateOrGetStartAsync(c))));

        var winner = Assert.Single(await store.ListByCustomerAsync(customer));
        Assert.All(results, r => Assert.Equal(winner.Id, r.Id));
        Assert.Contains(attempts, c => c.Id == winner.Id);
    }

    [SkippableFact]
    public async Task CreateOrGetStart_FollowUpsWithoutStartKey_DoNotCollide()
    {
        var store = (await StoresAsync()).Conversations;
        var customer = NewId();
        var a = NewConversation(customer);
        var b = NewConversation(customer);
        a.StartClientMessageId = b.StartClientMessageId = null;

        await store.CreateAsync(a);
        await store.CreateAsync(b);

        Assert.Equal(2, (await store.ListByCustomerAsync(customer)).Count);
    }

    [SkippableFact]
    public async Task Append_ToAClosedConversation_RefusesText_KeepsNotesTranscriptsAndSystemLines_AndAnswersEarlierTextAsDuplicate()
    {
        var store = (await StoresAsync()).Conversations;
        var conversation = await CreateAsync(store);
        await store.AppendAsync(Message(conversation.Id, "before", "hello"));
        await store.TryCloseAsync(conversation.Id, ConversationStatus.Ended, Now());

        await Assert.ThrowsAsync<ConversationClosedException>(() => store.AppendAsync(Message(conversation.Id, "after", "too late")));
        var retried = await store.AppendAsync(Message(conversation.Id, "before", "hello"));
        await store.AppendAsync(Message(conversation.Id, null, "closed", MessageKind.System));
        await store.AppendAsync(Message(conversation.Id, "note", "called back", MessageKind.PrivateNote));
        await store.AppendAsync(Message(conversation.Id, "line", "late words", MessageKind.Transcript));

        Assert.Equal((1L, true), (retried.Message.Seq, retried.Duplicate));
        Assert.Equal(["hello", "closed", "called back", "late words"], (await store.GetMessagesAsync(conversation.Id, 0, 100, true)).Select(m => m.Text));
    }

    [SkippableFact]
    public async Task Append_RacingTheClose_StoresTextOnlyBeforeTheClosingLine()
    {
        var store = (await StoresAsync()).Conversations;
        for (var round = 0; round < 10; round++)
        {
            var conversation = await CreateAsync(store);
            var sends = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
            {
                try
                {
                    return (await store.AppendAsync(Message(conversation.Id, $"m{i}", $"text {i}"))).Message.Seq;
                }
                catch (ConversationClosedException)
                {
                    return 0L;
                }
            })).ToList();
            var close = Task.Run(async () =>
            {
                await store.TryCloseAsync(conversation.Id, ConversationStatus.Ended, Now());
                return (await store.AppendAsync(Message(conversation.Id, null, "closed", MessageKind.System))).Message.Seq;
            });

            var closingSeq = await close;
            var stored = await Task.WhenAll(sends);

            Assert.All(stored.Where(seq => seq != 0), seq => Assert.True(seq < closingSeq, $"text at {seq} after the closing line at {closingSeq}"));
            var transcript = await store.GetMessagesAsync(conversation.Id, 0, 100, true);
            Assert.Equal(Enumerable.Range(1, transcript.Count).Select(i => (long)i), transcript.Select(m => m.Seq));
            Assert.Equal("closed", transcript[^1].Text);
        }
    }

    [SkippableFact]
    public async Task TryEndWaiting_EndsOnlyAWaitingConversation_AndRacingAClaimOneWins()
    {
        var store = (await StoresAsync()).Conversations;
        var waiting = await CreateAsync(store);
        var taken = await CreateAsync(store);
        await store.TryAssignAsync(taken.Id, "agent-1", Now());

        Assert.True(await store.TryEndWaitingAsync(waiting.Id, Now()));
        Assert.False(await store.TryEndWaitingAsync(waiting.Id, Now()));
        Assert.False(await store.TryEndWaitingAsync(taken.Id, Now()));
        Assert.Equal((ConversationStatus.Ended, ConversationStatus.Active), ((await store.GetAsync(waiting.Id))!.Status, (await store.GetAsync(taken.Id))!.Status));

        for (var round = 0; round < 10; round++)
        {
            var raced = await CreateAsync(store);
            var outcomes = await Task.WhenAll(
                Task.Run(() => store.TryAssignAsync(raced.Id, "agent-1", Now())),
                Task.Run(() => store.TryEndWaitingAsync(raced.Id, Now())));
            Assert.Single(outcomes, won => won);
        }
    }

    [SkippableFact]
    public async Task MarkRead_NeverLowersTheMarker_AndNeverPassesTheLastSeq()
    {
        var store = (await StoresAsync()).Conversations;
        var conversation = await CreateAsync(store);
        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync(Message(conversation.Id, $"c{i}", "x"));
        }

        await store.MarkReadAsync(conversation.Id, SenderRole.Customer, 3);
        await store.MarkReadAsync(conversation.Id, SenderRole.Customer, 2);
        await store.MarkReadAsync(conversation.Id, SenderRole.Agent, 99);

        var read = (await store.GetAsync(conversation.Id))!;
        Assert.Equal((3L, 5L), (read.CustomerReadSeq, read.AgentReadSeq));
    }

    [SkippableFact]
    public async Task ListWaitingAtLevel_PagesOneLevelOldestFirst_AndKeepsWhereItWasStarted()
    {
        var store = (await StoresAsync()).Conversations;
        var level = Random.Shared.Next(1_000, 1_000_000); // a level of this test alone: the store is shared
        var start = Now().AddMinutes(-10);
        var waiting = Enumerable.Range(0, 5).Select(i => NewConversation(createdAt: start.AddSeconds(i))).ToList();
        var taken = NewConversation(createdAt: start.AddSeconds(-1));
        foreach (var c in waiting.Append(taken).Reverse())
        {
            c.Level = level;
            c.StartedFrom = "203.0.113.9";
            await store.CreateAsync(c);
        }

        await store.TryAssignAsync(taken.Id, NewId(), Now());

        Assert.Equal(waiting.Take(2).Select(c => c.Id), (await store.ListWaitingAtLevelAsync(level, 0, 2)).Select(c => c.Id));
        Assert.Equal(waiting.Skip(2).Take(2).Select(c => c.Id), (await store.ListWaitingAtLevelAsync(level, 2, 2)).Select(c => c.Id));
        Assert.Equal([waiting[4].Id], (await store.ListWaitingAtLevelAsync(level, 4, 2)).Select(c => c.Id));
        Assert.Empty(await store.ListWaitingAtLevelAsync(level + 1, 0, 10));
        Assert.Equal("203.0.113.9", (await store.GetAsync(waiting[0].Id))!.StartedFrom);
    }

    private static Conversation NewConversation(string? customerId = null, DateTimeOffset? createdAt = null) => new()
    {
        Id = NewId(),
        CustomerId = customerId ?? NewId(),
        CustomerName = "Carla",
        TicketId = NewId(),
        TicketNumber = 1001,
        Topic = "billing",
        StartClientMessageId = NewId(),
        Status = ConversationStatus.Waiting,
        CreatedAt = createdAt ?? Now(),
    };

    private static async Task<Conversation> CreateAsync(IConversationStore store)
    {
        var conversation = NewConversation();
        await store.CreateAsync(conversation);
        return conversation;
    }

    private static NewMessage Message(string conversationId, string? clientId, string text, MessageKind kind = MessageKind.Text) =>
        new(conversationId, clientId, SenderRole.Customer, "customer-1", "Carla", kind, text, Now());
}

public sealed class LiteDbConversationStoreTests : ConversationStoreContract
{
    protected override Task<StoreHost> StartStoresAsync() => StartLiteDbAsync();
}

public sealed class MongoConversationStoreTests : ConversationStoreContract
{
    protected override Task<StoreHost> StartStoresAsync() => StartMongoAsync();
}

using SupportHub.Server.Features.Chat;

namespace SupportHub.Tests.Storage;

/// <summary>Erasure and retention (docs/security.md, privacy), on every adapter.</summary>
public abstract partial class ConversationStoreContract
{
    [SkippableFact]
    public async Task Erase_IsRefusedWhileOpen_ThenClearsPersonalFieldsAndTexts_AndRefusesEveryLaterAppendReopenAndRating()
    {
        var store = (await StoresAsync()).Conversations;
        var conversation = NewConversation();
        conversation.Call = new ConversationCall { CallSid = "CA" + NewId(), Kind = CallKind.Live, CallerNumber = "+4917012345678" };
        await store.CreateAsync(conversation);
        await store.AppendAsync(Message(conversation.Id, "c1", "my card ends 4242"));
        await store.AppendAsync(new NewMessage(conversation.Id, null, SenderRole.Agent, "agent-1", "Sam", MessageKind.PrivateNote, "she sounded upset", Now()));

        Assert.False(await store.TryEraseAsync(conversation.Id, TranscriptErasure.Anonymize, Now()));
        Assert.True(await store.TryCloseAsync(conversation.Id, ConversationStatus.Resolved, Now()));
        var at = Now();
        Assert.True(await store.TryEraseAsync(conversation.Id, TranscriptErasure.Anonymize, at));

        var erased = (await store.GetAsync(conversation.Id))!;
        Assert.Equal((at, (string?)null, (string?)null, (string?)null), (erased.ErasedAt, erased.CustomerName, erased.Topic, erased.Call!.CallerNumber));
        Assert.Equal((ConversationStatus.Resolved, 2L, conversation.TicketId), (erased.Status, erased.LastSeq, erased.TicketId));
        var messages = await store.GetMessagesAsync(conversation.Id, 0, 10, includePrivateNotes: true);
        Assert.Equal([ChatMessage.ErasedText, ChatMessage.ErasedText], messages.Select(m => m.Text));
        Assert.Equal([null, "Sam"], messages.Select(m => m.SenderName));
        Assert.Equal([1L, 2L], messages.Select(m => m.Seq));

        await Assert.ThrowsAsync<ConversationClosedException>(() => store.AppendAsync(Message(conversation.Id, null, "late transcript", MessageKind.Transcript)));
        Assert.False(await store.TryReopenAsync(conversation.Id, "agent-1", Now()));
        Assert.False(await store.TryRateAsync(conversation.Id, 5, "thanks, Carla", Now()));
        Assert.True(await store.TryEraseAsync(conversation.Id, TranscriptErasure.Anonymize, Now().AddMinutes(1)));
        Assert.Equal(at, (await store.GetAsync(conversation.Id))!.ErasedAt); // the first mark stays
        Assert.Equal(2, (await store.GetMessagesAsync(conversation.Id, 0, 10, includePrivateNotes: true)).Count);
        Assert.False(await store.TryEraseAsync(NewId(), TranscriptErasure.Anonymize, Now()));
    }

    [SkippableFact]
    public async Task Erase_InDeleteMode_RemovesEveryMessage_AndKeepsTheConversationWithItsCounts()
    {
        var store = (await StoresAsync()).Conversations;
        var conversation = await CreateAsync(store);
        await store.AppendAsync(Message(conversation.Id, "c1", "hello"));
        await store.AppendAsync(Message(conversation.Id, "c2", "my address is 1 Main St"));
        await store.TryCloseAsync(conversation.Id, ConversationStatus.Ended, Now());

        Assert.True(await store.TryEraseAsync(conversation.Id, TranscriptErasure.Delete, Now()));

        Assert.Empty(await store.GetMessagesAsync(conversation.Id, 0, 10, includePrivateNotes: true));
        Assert.Null(await store.FindByClientMessageIdAsync(conversation.Id, "c1"));
        Assert.Equal(2, (await store.GetAsync(conversation.Id))!.LastSeq);
    }

    [SkippableFact]
    public async Task ListClosedBefore_ListsOnlyClosedConversationsNotErasedYet_ClosedBeforeTheCutoff_OldestCloseFirst()
    {
        var store = (await StoresAsync()).Conversations;
        var cutoff = Now();
        var older = await ClosedAsync(store, cutoff.AddDays(-9));
        var old = await ClosedAsync(store, cutoff.AddDays(-3));
        var recent = await ClosedAsync(store, cutoff.AddMinutes(1));
        var erasedAlready = await ClosedAsync(store, cutoff.AddDays(-5));
        await store.TryEraseAsync(erasedAlready.Id, TranscriptErasure.Delete, Now());
        await CreateAsync(store); // open

        Assert.Equal([older.Id, old.Id], (await store.ListClosedBeforeAsync(cutoff, 10)).Select(c => c.Id));
        Assert.Equal([older.Id], (await store.ListClosedBeforeAsync(cutoff, 1)).Select(c => c.Id));
        Assert.DoesNotContain(recent.Id, (await store.ListClosedBeforeAsync(cutoff, 10)).Select(c => c.Id));
    }

    /// <summary>
    /// Notes and transcripts are still appended after the close; racing the erasure, each one is
    /// either refused or stored before the erasure's pass over the messages, which deletes it.
    /// </summary>
    [SkippableFact]
    public async Task AppendsRacingAnErasure_AreRefusedOrErased_NoneSurvives()
    {
        var store = (await StoresAsync()).Conversations;
        for (var round = 0; round < 5; round++)
        {
            var conversation = await CreateAsync(store);
            await store.TryCloseAsync(conversation.Id, ConversationStatus.Ended, Now());
            var appends = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
            {
                try
                {
                    await store.AppendAsync(Message(conversation.Id, "n" + i, "note " + i, MessageKind.PrivateNote));
                }
                catch (ConversationClosedException)
                {
                }
            })).ToList();
            var erase = Task.Run(() => store.TryEraseAsync(conversation.Id, TranscriptErasure.Delete, Now()));

            await Task.WhenAll([.. appends, erase]).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(await erase);
            Assert.Empty(await store.GetMessagesAsync(conversation.Id, 0, 100, includePrivateNotes: true));
        }
    }

    private static async Task<Conversation> ClosedAsync(IConversationStore store, DateTimeOffset closedAt)
    {
        var conversation = await CreateAsync(store);
        Assert.True(await store.TryCloseAsync(conversation.Id, ConversationStatus.Resolved, closedAt));
        return conversation;
    }
}

using SupportHub.Server.Features.Errors;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// The message path every feature writes through: store first, then acknowledge and fan out, so
/// nothing a client was told about can be missing from the store. Read marks and typing go out here too.
/// </summary>
public sealed class ConversationMessages(IConversationStore conversations, ChatNotifier notifier, TimeProvider time)
{
    public async Task<SendMessageResult> SendAsync(
        Conversation conversation, Sender sender, string? clientMessageId, MessageKind kind, string text, CancellationToken ct)
    {
        if (!conversation.AcceptsMessage(kind))
        {
            return await DuplicateOrClosedAsync(conversation, clientMessageId, ct);
        }

        AppendResult result;
        try
        {
            result = await conversations.AppendAsync(
                new NewMessage(conversation.Id, clientMessageId, sender.Role, sender.Id, sender.Name, kind, text, time.GetUtcNow()), ct);
        }
        catch (ConversationClosedException)
        {
            // Closed since the copy above was read: the store refused it in the step that gives seqs.
            return await DuplicateOrClosedAsync(await conversations.ReloadAsync(conversation.Id, ct), clientMessageId, ct);
        }

        // A duplicate is sent out again: the node that stored the first copy may have died between
        // its store and its fan-out (clients drop an event whose seq they have).
        await notifier.MessageStoredAsync(conversation, result.Message);
        return new SendMessageResult(result.Message.Seq, result.Message.SentAt, result.Duplicate);
    }

    /// <summary>A retry of a message stored before the close is still answered as the duplicate it is.</summary>
    private async Task<SendMessageResult> DuplicateOrClosedAsync(Conversation conversation, string? clientMessageId, CancellationToken ct)
    {
        if (clientMessageId is not null && await conversations.FindByClientMessageIdAsync(conversation.Id, clientMessageId, ct) is { } stored)
        {
            return new SendMessageResult(stored.Seq, stored.SentAt, Duplicate: true);
        }

        throw HubErrors.Create(HubErrors.Closed, $"Conversation '{conversation.Id}' is {conversation.Status.ToString().ToLowerInvariant()}; start a new one.");
    }

    /// <summary>A line from the hub itself (joined, passed on, closed), for both sides.</summary>
    public async Task SendSystemAsync(Conversation conversation, string text, CancellationToken ct)
    {
        var result = await conversations.AppendAsync(
            new NewMessage(conversation.Id, null, SenderRole.System, null, Sender.System.Name, MessageKind.System, text, time.GetUtcNow()), ct);
        conversation.LastSeq = result.Message.Seq;
        await notifier.MessageStoredAsync(conversation, result.Message);
    }

    public async Task MarkReadAsync(Conversation conversation, SenderRole reader, long seq, CancellationToken ct)
    {
        await conversations.MarkReadAsync(conversation.Id, reader, seq, ct);
        await notifier.ReadAsync(conversation, new ReadDto(conversation.Id, reader, Math.Min(seq, conversation.LastSeq)));
    }

    public Task TypingAsync(Conversation conversation, TypingDto typing) => notifier.TypingAsync(conversation, typing);
}

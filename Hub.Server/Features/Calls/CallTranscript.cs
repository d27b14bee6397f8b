using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Calls;

/// <summary>What was said on a call, and facts about it, as lines of its conversation's transcript.</summary>
public sealed class CallTranscript(IAgentStore agents, ConversationMessages messages)
{
    /// <summary>What was said, as the transcript's next line (once per id, however often Twilio repeats it).</summary>
    public async Task AppendAsync(Conversation conversation, bool caller, string lineId, string text, CancellationToken ct)
    {
        var agent = caller || conversation.AssignedAgentId is null ? null : await agents.GetAsync(conversation.AssignedAgentId, ct);
        var sender = caller || agent is null
            ? new Sender(SenderRole.Customer, conversation.CustomerId, conversation.CustomerName)
            : new Sender(SenderRole.Agent, agent.Id, agent.DisplayName);
        await messages.SendAsync(conversation, sender, lineId, MessageKind.Transcript, text, ct);
    }

    /// <summary>A fact about the call (a recording, a voicemail that could not be transcribed, a callback placed).</summary>
    public Task NoteAsync(Conversation conversation, string text, CancellationToken ct) => messages.SendSystemAsync(conversation, text, ct);

    /// <summary>
    /// A fact a callback reports, written once per <paramref name="key"/> however often Twilio repeats the
    /// callback: the store takes one message per key and conversation, atomically, in both adapters.
    /// </summary>
    public Task NoteOnceAsync(Conversation conversation, string key, string text, CancellationToken ct) =>
        messages.SendAsync(conversation, Sender.System, key, MessageKind.System, text, ct);
}

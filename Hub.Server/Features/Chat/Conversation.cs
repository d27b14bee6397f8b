using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Features.Chat;

/// <summary>One contact of a customer on one channel; a task for the router.</summary>
public sealed class Conversation
{
    public required string Id { get; set; }

    public Channel Channel { get; set; }

    public ConversationStatus Status { get; set; }

    /// <summary>Support level the conversation is (or waits) at: 1 = first level.</summary>
    public int Level { get; set; } = 1;

    public string? Skill { get; set; }

    /// <summary>Higher is more urgent.</summary>
    public int Priority { get; set; }

    public required string CustomerId { get; set; }

    /// <summary>The name the customer gave at start, copied here for queue lists and message senders.</summary>
    public string? CustomerName { get; set; }

    public string? Topic { get; set; }

    public string? AssignedAgentId { get; set; }

    public required string TicketId { get; set; }

    /// <summary>The ticket's number, copied here so lists need no second read.</summary>
    public long TicketNumber { get; set; }

    /// <summary>The client id of the start request, so a retried start creates nothing twice.</summary>
    public string? StartClientMessageId { get; set; }

    public long LastSeq { get; set; }

    public long CustomerReadSeq { get; set; }

    public long AgentReadSeq { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The client address the customer started the chat from, so a supervisor can see and purge a flood; null for calls.</summary>
    public string? StartedFrom { get; set; }

    public DateTimeOffset? AssignedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The customer's satisfaction rating, 1 to 5, given once after the conversation closed.</summary>
    public int? Rating { get; set; }

    public string? RatingComment { get; set; }

    public DateTimeOffset? RatedAt { get; set; }

    /// <summary>The phone call behind a voice conversation; null for a chat.</summary>
    public ConversationCall? Call { get; set; }

    /// <summary>
    /// When its personal data was erased (a customer's erasure or the retention period): the
    /// transcript is anonymized or removed, nothing is appended any more and it is never reopened.
    /// </summary>
    public DateTimeOffset? ErasedAt { get; set; }

    // The rules below are read-only: the store mappings (MongoMappings, LiteDbContext) leave every
    // property of them out of the documents, and the methods are never stored.

    public bool IsOpen => Status is ConversationStatus.Waiting or ConversationStatus.Active;

    /// <summary>Waiting in the queue: nobody has it yet, so it can be claimed, moved to a level or left as a message.</summary>
    public bool IsWaiting => Status == ConversationStatus.Waiting;

    /// <summary>An agent has it now (a caller is put through to them).</summary>
    public bool IsWithAgent => Status == ConversationStatus.Active;

    /// <summary>Only a closed conversation opens again (the fix did not hold).</summary>
    public bool CanBeReopened => !IsOpen && ErasedAt is null;

    /// <summary>A caller is (or was) on the line; a follow-up task has nobody on it.</summary>
    public bool IsLiveCall => Call is { Kind: CallKind.Live };

    /// <summary>The live call behind the conversation; null for a chat, or a voicemail or callback task (nobody on the line).</summary>
    public string? LiveCallSid() => IsLiveCall ? Call!.CallSid : null;

    public bool IsAssignedTo(string agentId) => AssignedAgentId == agentId;

    /// <summary>
    /// Who besides a supervisor may reopen it: the agent who last held it (a closed conversation keeps
    /// its <see cref="AssignedAgentId"/>), or an agent who works at its level, as Zendesk lets the
    /// agents of a ticket's group reopen it.
    /// </summary>
    public bool MayBeReopenedBy(string agentId, IReadOnlyCollection<int> agentLevels) =>
        IsAssignedTo(agentId) || agentLevels.Contains(Level);

    /// <summary>
    /// Once closed, only what staff add and what a call's transcription delivers late is still kept;
    /// the customer and the agent start a new conversation instead.
    /// </summary>
    public bool AcceptsMessage(MessageKind kind) => IsOpen || !NeedsOpen(kind);

    /// <summary>
    /// What the customer and the agent write is stored only while the conversation is open; the store
    /// checks this in the step that gives the message its seq, so a send racing the close is stored
    /// before the closing line or refused. The hub's own lines (the closing one among them), private
    /// notes and late transcripts are stored after the close too.
    /// </summary>
    public static bool NeedsOpen(MessageKind kind) => kind == MessageKind.Text;

    // The transitions: each checks the state it starts from and answers false, changing nothing, when
    // it does not hold. The LiteDB store applies them under its write lock; MongoQueries states the
    // same conditions as filters of one conditional update, and the store contract keeps both alike.

    /// <summary>An agent takes the waiting conversation.</summary>
    public bool TryAssign(string agentId, DateTimeOffset at)
    {
        if (!IsWaiting)
        {
            return false;
        }

        Status = ConversationStatus.Active;
        AssignedAgentId = agentId;
        AssignedAt = at;
        return true;
    }

    /// <summary>Back to the queue at <paramref name="level"/>, if still open and still with <paramref name="expectedAgentId"/> (null: waiting).</summary>
    public bool TryRequeue(string? expectedAgentId, int level)
    {
        if (!IsOpen || AssignedAgentId != expectedAgentId)
        {
            return false;
        }

        Status = ConversationStatus.Waiting;
        AssignedAgentId = null;
        AssignedAt = null;
        Level = level;
        return true;
    }

    /// <summary>An open conversation, waiting or with an agent, goes to <paramref name="agentId"/> at once.</summary>
    public bool TryReassign(string agentId, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return false;
        }

        Status = ConversationStatus.Active;
        AssignedAgentId = agentId;
        AssignedAt = at;
        return true;
    }

    public bool TryReopen(string agentId, DateTimeOffset at)
    {
        if (!CanBeReopened)
        {
            return false;
        }

        Status = ConversationStatus.Active;
        AssignedAgentId = agentId;
        AssignedAt = at;
        ClosedAt = null;
        return true;
    }

    /// <param name="closedStatus">Resolved or Ended.</param>
    public bool TryClose(ConversationStatus closedStatus, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return false;
        }

        Status = closedStatus;
        ClosedAt = at;
        return true;
    }

    /// <summary>Ends a conversation nobody has taken yet (a message left instead): only while it waits.</summary>
    public bool TryEndWaiting(DateTimeOffset at) => IsWaiting && TryClose(ConversationStatus.Ended, at);

    /// <summary>The customer rates a closed conversation, once.</summary>
    public bool TryRate(int score, string? comment, DateTimeOffset at)
    {
        if (IsOpen || Rating is not null || ErasedAt is not null)
        {
            return false;
        }

        Rating = score;
        RatingComment = comment;
        RatedAt = at;
        return true;
    }

    /// <summary>
    /// Erases a closed conversation's personal fields (the customer's name, topic, rating comment,
    /// caller number); counts, status, times, level and ticket stay for reports. False while open.
    /// Repeating it changes nothing more, so an erasure that stopped halfway is simply run again.
    /// </summary>
    public bool TryErase(DateTimeOffset at)
    {
        if (IsOpen)
        {
            return false;
        }

        ErasedAt ??= at;
        CustomerName = null;
        Topic = null;
        RatingComment = null;
        if (Call is not null)
        {
            Call.CallerNumber = null;
        }

        return true;
    }

    /// <summary>A chat a customer starts with their first message; it waits at its ticket's level.</summary>
    public static Conversation NewChat(
        string id, Customer customer, Ticket ticket, string? topic, string? skill, string startClientMessageId, DateTimeOffset now) =>
        new()
        {
            Id = id,
            Channel = Channel.Chat,
            Status = ConversationStatus.Waiting,
            Level = ticket.Level,
            Skill = skill,
            CustomerId = customer.Id,
            CustomerName = customer.Name,
            Topic = topic,
            TicketId = ticket.Id,
            TicketNumber = ticket.Number,
            StartClientMessageId = startClientMessageId,
            CreatedAt = now,
        };

    /// <summary>A phone call on the line; it waits at its ticket's level. Its CallSid stands in for a start message's client id.</summary>
    public static Conversation NewCall(
        string id, string callSid, Customer caller, Ticket ticket, string? topic, string? skill, DateTimeOffset now) =>
        new()
        {
            Id = id,
            Channel = Channel.Voice,
            Status = ConversationStatus.Waiting,
            Level = ticket.Level,
            Skill = skill,
            CustomerId = caller.Id,
            CustomerName = caller.Name,
            Topic = topic,
            TicketId = ticket.Id,
            TicketNumber = ticket.Number,
            StartClientMessageId = callSid,
            CreatedAt = now,
            Call = new ConversationCall { CallSid = callSid, Kind = CallKind.Live, CallerNumber = caller.PhoneNumber },
        };

    /// <summary>The voicemail or callback task a live call leaves: same customer, topic and skill, nobody on the line.</summary>
    public static Conversation NewFollowUp(string id, Conversation call, Ticket ticket, DateTimeOffset now)
    {
        var callSid = call.LiveCallSid() ?? throw new InvalidOperationException($"{call.Id} is not a live call.");
        return new()
        {
            Id = id,
            Channel = Channel.Voice,
            Status = ConversationStatus.Waiting,
            Level = ticket.Level,
            Skill = call.Skill,
            CustomerId = call.CustomerId,
            CustomerName = call.CustomerName,
            Topic = call.Topic,
            TicketId = ticket.Id,
            TicketNumber = ticket.Number,
            CreatedAt = now,
            Call = new ConversationCall { CallSid = callSid, Kind = CallKind.FollowUp, CallerNumber = call.Call!.CallerNumber },
        };
    }
}

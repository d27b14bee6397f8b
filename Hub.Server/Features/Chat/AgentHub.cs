using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Audit;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Infrastructure.Auth;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// The staff side of chats, at <c>/hubs/agent</c>. Every level can read every conversation; only the
/// assigned agent (or a supervisor) writes to the customer. Private notes stay among staff. Who may
/// call what: docs/protocol/agent-hub.md#methods; what is recorded: AgentHub.Audit.cs.
/// </summary>
[Authorize(Policy = HubPolicies.Staff)]
public sealed partial class AgentHub(
    TakeConversation take,
    ReopenConversation reopen,
    CloseConversation close,
    ConversationMessages messages,
    ConversationReader reader,
    Escalate escalate,
    Transfer transfer,
    Reassign reassign,
    PresenceService presence,
    RoutingGateway queue,
    ConversationLookup lookup,
    IConversationStore store,
    IAgentStore agents,
    ICallControls calls,
    QueueView queueView,
    AuditTrail audit) : Hub<IAgentClient>
{
    public override async Task OnConnectedAsync()
    {
        await presence.ConnectedAsync(await CurrentAgentAsync(), Context.ConnectionId);
        await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroups.Staff);
        // Every device of an agent follows the agent's open conversations, also after a reconnect.
        foreach (var conversation in await store.ListOpenByAgentAsync(AgentId, Context.ConnectionAborted))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroups.ConversationStaff(conversation.Id));
        }

        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await presence.DisconnectedAsync(AgentId, Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Keeps this connection counted as live; consoles call it every 20 seconds.</summary>
    public Task Heartbeat() => presence.HeartbeatAsync(AgentId, Context.ConnectionId);

    public Task<PresenceDto> GetPresence() => presence.GetAsync(AgentId);

    /// <summary>Available, busy or away; offline logs the agent out at once and hands its conversations on.</summary>
    public Task<PresenceDto> SetPresence(SetPresenceRequest request) => presence.SetStatusAsync(AgentId, request.Status!.Value);

    /// <summary>Every agent's presence and load, for the supervisor view.</summary>
    [Authorize(Policy = HubPolicies.Supervisor)]
    public Task<IReadOnlyList<PresenceDto>> GetTeamPresence() => presence.ListAsync();

    public async Task<ResumeResult> AcceptOffer(ConversationRequest request)
    {
        var agent = await CurrentAgentAsync();
        var accepted = await take.AcceptOfferAsync(await FindAsync(request.ConversationId), agent, Context.ConnectionAborted);
        await TryAuditAsync(agent, AuditActions.OfferAccepted, accepted.Id);
        await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroups.ConversationStaff(accepted.Id));
        return await reader.ResumeAsync(accepted, 0, includePrivateNotes: true, Context.ConnectionAborted);
    }

    public async Task DeclineOffer(ConversationRequest request)
    {
        var result = await queue.DeclineAsync(request.ConversationId, AgentId);
        if (!result.Released)
        {
            throw HubErrors.Create(HubErrors.Conflict, $"There is no open offer of conversation '{request.ConversationId}' to you.");
        }
    }

    /// <summary>Passes the conversation to another support level with a reason and a hand-off note for the next agent.</summary>
    public async Task Escalate(EscalateRequest request)
    {
        var agent = await CurrentAgentAsync();
        var conversation = await AssignedAsync(request.ConversationId);
        await escalate.EscalateAsync(conversation, agent, request, Context.ConnectionAborted);
        await TryAuditAsync(agent, AuditActions.Escalated, conversation.Id, $"from level {conversation.Level} to level {request.Level}: {request.Reason}");
    }

    /// <summary>Passes the conversation to a named agent; it falls back to the level's queue if they do not take it in time.</summary>
    public async Task Transfer(TransferRequest request)
    {
        var agent = await CurrentAgentAsync();
        var conversation = await AssignedAsync(request.ConversationId);
        var target = (await agents.GetAsync(request.AgentId, Context.ConnectionAborted))!;
        await transfer.TransferAsync(conversation, agent, target, request.Note, Context.ConnectionAborted);
        await TryAuditAsync(agent, AuditActions.Transferred, conversation.Id, $"to {target.DisplayName} ({target.Id}), from {conversation.AssignedAgentId ?? "the queue"}");
    }

    /// <summary>A supervisor gives any open conversation to an agent at once.</summary>
    [Authorize(Policy = HubPolicies.Supervisor)]
    public async Task Reassign(ReassignRequest request)
    {
        var supervisor = await CurrentAgentAsync();
        var conversation = await FindAsync(request.ConversationId);
        var target = (await agents.GetAsync(request.AgentId, Context.ConnectionAborted))!;
        await AuditAsync(supervisor, AuditActions.Reassigned, conversation.Id, $"to {target.DisplayName} ({target.Id}), from {conversation.AssignedAgentId ?? "the queue"}");
        await reassign.ReassignAsync(conversation, supervisor, target, Context.ConnectionAborted);
    }

    private string AgentId => Context.UserIdentifier ?? throw HubErrors.Create(HubErrors.Forbidden, "No agent identity.");

    private bool IsSupervisor => Context.User?.IsInRole(HubClaims.SupervisorRole) == true || Context.User?.IsInRole(HubClaims.AdminRole) == true;

    /// <summary>The oldest waiting conversations of every level (a page each), oldest first.</summary>
    public Task<IReadOnlyList<QueueItemDto>> GetQueue() => queueView.GetQueueAsync(Context.ConnectionAborted);

    /// <summary>One level's waiting conversations, oldest first, from <see cref="QueuePageRequest.Skip"/>.</summary>
    public Task<QueuePageDto> GetQueuePage(QueuePageRequest request) => queueView.GetPageAsync(request, Context.ConnectionAborted);

    /// <summary>Waiting conversations grouped by the address they were started from, the biggest group first.</summary>
    [Authorize(Policy = HubPolicies.Supervisor)]
    public Task<IReadOnlyList<FloodDto>> GetFloods() => queueView.GetFloodsAsync(Context.ConnectionAborted);

    /// <summary>Ends every waiting conversation started from one address, in one action.</summary>
    [Authorize(Policy = HubPolicies.Supervisor)]
    public async Task<PurgeFloodResult> PurgeFlood(PurgeFloodRequest request)
    {
        var supervisor = await CurrentAgentAsync();
        await audit.RecordAsync(
            AuditEntry.For(
                AuditActor.Agent(supervisor.Id, supervisor.DisplayName, Context.GetHttpContext()?.Connection.RemoteIpAddress),
                AuditActions.FloodPurged, AuditTargets.Hub, null, $"waiting conversations started from {request.StartedFrom}"),
            Context.ConnectionAborted);
        return await queueView.PurgeAsync(request, Context.ConnectionAborted);
    }

    public async Task<IReadOnlyList<ConversationDto>> GetMyConversations() =>
        await reader.ToDtosAsync(await store.ListOpenByAgentAsync(AgentId, Context.ConnectionAborted), Context.ConnectionAborted);

    /// <summary>Takes a waiting conversation; answers conflict when someone else was first.</summary>
    public async Task<ResumeResult> Claim(ConversationRequest request)
    {
        var agent = await CurrentAgentAsync();
        var conversation = await FindAsync(request.ConversationId);
        var claimed = await take.ClaimAsync(conversation, agent, Context.ConnectionAborted);
        await TryAuditAsync(agent, AuditActions.Claimed, claimed.Id);
        // Joined only once the claim is won; the transcript read after joining covers the moment between.
        await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroups.ConversationStaff(conversation.Id));
        return await reader.ResumeAsync(claimed, 0, includePrivateNotes: true, Context.ConnectionAborted);
    }

    /// <summary>Reads any conversation with its whole transcript and follows its events.</summary>
    public async Task<ResumeResult> Open(ConversationRequest request)
    {
        var agent = await CurrentAgentAsync();
        var conversation = await FindAsync(request.ConversationId);
        await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroups.ConversationStaff(conversation.Id));
        var transcript = await reader.ResumeAsync(conversation, 0, includePrivateNotes: true, Context.ConnectionAborted);
        await AuditReadAsync(agent, conversation, nameof(Open));
        return transcript;
    }

    public async Task<ResumeResult> Resume(ResumeRequest request)
    {
        var agent = await CurrentAgentAsync();
        var conversation = await FindAsync(request.ConversationId);
        await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroups.ConversationStaff(conversation.Id));
        var transcript = await reader.ResumeAsync(conversation, request.AfterSeq, includePrivateNotes: true, Context.ConnectionAborted);
        await AuditReadAsync(agent, conversation, $"{nameof(Resume)} after seq {request.AfterSeq}");
        return transcript;
    }

    public async Task<SendMessageResult> Send(SendMessageRequest request)
    {
        var agent = await CurrentAgentAsync();
        var conversation = await AssignedAsync(request.ConversationId);
        return await messages.SendAsync(conversation, ToSender(agent), request.ClientMessageId, MessageKind.Text, request.Text, Context.ConnectionAborted);
    }

    /// <summary>A note for staff only; any agent may add one, for instance when consulted by another level.</summary>
    public async Task<SendMessageResult> AddNote(SendMessageRequest request)
    {
        var agent = await CurrentAgentAsync();
        var conversation = await FindAsync(request.ConversationId);
        return await messages.SendAsync(conversation, ToSender(agent), request.ClientMessageId, MessageKind.PrivateNote, request.Text, Context.ConnectionAborted);
    }

    public async Task Typing(TypingRequest request)
    {
        var agent = await CurrentAgentAsync();
        var conversation = await AssignedAsync(request.ConversationId);
        await messages.TypingAsync(conversation, new TypingDto(conversation.Id, SenderRole.Agent, agent.DisplayName, request.IsTyping));
    }

    public async Task MarkRead(MarkReadRequest request) =>
        await messages.MarkReadAsync(await AssignedAsync(request.ConversationId), SenderRole.Agent, request.Seq, Context.ConnectionAborted);

    public async Task Resolve(ResolveRequest request)
    {
        var agent = await CurrentAgentAsync();
        var conversation = await AssignedAsync(request.ConversationId);
        await close.ResolveAsync(conversation, agent, request.Resolution, Context.ConnectionAborted);
    }

    /// <summary>
    /// Opens a resolved or ended conversation again and takes it; its ticket is reopened. Only the
    /// agent who last held it, an agent of its level, or a supervisor may (<see cref="Conversation.MayBeReopenedBy"/>).
    /// </summary>
    public async Task<ResumeResult> Reopen(ConversationRequest request)
    {
        var agent = await CurrentAgentAsync();
        var conversation = await FindAsync(request.ConversationId);
        if (!IsSupervisor && !conversation.MayBeReopenedBy(agent.Id, agent.Levels))
        {
            throw HubErrors.Create(HubErrors.Forbidden,
                $"Conversation '{conversation.Id}' is at level {conversation.Level}: only the agent who last held it, an agent of that level or a supervisor may reopen it.");
        }

        if (conversation.CanBeReopened)
        {
            await AuditAsync(agent, AuditActions.Reopened, conversation.Id, $"was {conversation.Status}, last held by {conversation.AssignedAgentId ?? "nobody"}");
        }

        var reopened = await reopen.ReopenAsync(conversation, agent, Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroups.ConversationStaff(reopened.Id));
        return await reader.ResumeAsync(reopened, 0, includePrivateNotes: true, Context.ConnectionAborted);
    }

    private static Sender ToSender(Agent agent) => new(SenderRole.Agent, agent.Id, agent.DisplayName);

    private async Task<Agent> CurrentAgentAsync()
    {
        var agent = await agents.GetAsync(AgentId, Context.ConnectionAborted);
        return agent is { Disabled: false } ? agent : throw HubErrors.Create(HubErrors.Forbidden, "This agent account is disabled.");
    }

    private async Task<Conversation> FindAsync(string conversationId) =>
        await lookup.FindAsync(conversationId, Context.ConnectionAborted) ?? throw HubErrors.ConversationNotFound(conversationId);

    private async Task<Conversation> AssignedAsync(string conversationId)
    {
        var conversation = await FindAsync(conversationId);
        return conversation.IsAssignedTo(AgentId) || IsSupervisor
            ? conversation
            : throw HubErrors.Create(HubErrors.Forbidden, $"Conversation '{conversationId}' is not assigned to you.");
    }
}

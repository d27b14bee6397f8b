using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;

namespace SupportHub.Tests.TestHost;

/// <summary>A staff connection that records every event the server pushes to it.</summary>
public sealed class AgentClient
{
    public AgentClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<MessageDto>(nameof(IAgentClient.MessageReceived), Messages.Add);
        connection.On<TypingDto>(nameof(IAgentClient.TypingChanged), Typing.Add);
        connection.On<ReadDto>(nameof(IAgentClient.MessagesRead), Reads.Add);
        connection.On<ConversationDto>(nameof(IAgentClient.ConversationChanged), Changes.Add);
        connection.On<QueueItemDto>(nameof(IAgentClient.ConversationQueued), Queued.Add);
        connection.On<ConversationRequest>(nameof(IAgentClient.ConversationDequeued), Dequeued.Add);
        connection.On<OfferDto>(nameof(IAgentClient.OfferReceived), Offers.Add);
        connection.On<ConversationRequest>(nameof(IAgentClient.OfferWithdrawn), Withdrawn.Add);
        connection.On<PresenceChangedDto>(nameof(IAgentClient.PresenceChanged), Presence.Add);
    }

    public EventLog<OfferDto> Offers { get; } = new();

    public EventLog<ConversationRequest> Withdrawn { get; } = new();

    public EventLog<PresenceChangedDto> Presence { get; } = new();

    public Task<PresenceDto> SetPresenceAsync(PresenceStatus status) =>
        Connection.InvokeAsync<PresenceDto>(nameof(AgentHub.SetPresence), new SetPresenceRequest(status)).WaitAsync(HubServer.Timeout);

    public Task<ResumeResult> AcceptAsync(string conversationId) =>
        Connection.InvokeAsync<ResumeResult>(nameof(AgentHub.AcceptOffer), new ConversationRequest(conversationId)).WaitAsync(HubServer.Timeout);

    public Task DeclineAsync(string conversationId) =>
        Connection.InvokeAsync(nameof(AgentHub.DeclineOffer), new ConversationRequest(conversationId)).WaitAsync(HubServer.Timeout);

    public Task EscalateAsync(string conversationId, int level, string reason, string note) =>
        Connection.InvokeAsync(nameof(AgentHub.Escalate), new EscalateRequest(conversationId, level, reason, note)).WaitAsync(HubServer.Timeout);

    public HubConnection Connection { get; }

    public EventLog<MessageDto> Messages { get; } = new();

    public EventLog<TypingDto> Typing { get; } = new();

    public EventLog<ReadDto> Reads { get; } = new();

    public EventLog<ConversationDto> Changes { get; } = new();

    public EventLog<QueueItemDto> Queued { get; } = new();

    public EventLog<ConversationRequest> Dequeued { get; } = new();

    public Task<ResumeResult> ClaimAsync(string conversationId) =>
        Connection.InvokeAsync<ResumeResult>(nameof(AgentHub.Claim), new ConversationRequest(conversationId)).WaitAsync(HubServer.Timeout);

    public Task<SendMessageResult> SendAsync(string conversationId, string text, string? clientMessageId = null) =>
        Connection.InvokeAsync<SendMessageResult>(
            nameof(AgentHub.Send), new SendMessageRequest(conversationId, clientMessageId ?? Guid.NewGuid().ToString("N"), text)).WaitAsync(HubServer.Timeout);

    public Task<SendMessageResult> AddNoteAsync(string conversationId, string text) =>
        Connection.InvokeAsync<SendMessageResult>(
            nameof(AgentHub.AddNote), new SendMessageRequest(conversationId, Guid.NewGuid().ToString("N"), text)).WaitAsync(HubServer.Timeout);

    public Task<ResumeResult> ResumeAsync(string conversationId, long afterSeq) =>
        Connection.InvokeAsync<ResumeResult>(nameof(AgentHub.Resume), new ResumeRequest(conversationId, afterSeq)).WaitAsync(HubServer.Timeout);

    public Task HeartbeatAsync() => Connection.InvokeAsync(nameof(AgentHub.Heartbeat)).WaitAsync(HubServer.Timeout);

    public Task<PresenceDto> GetPresenceAsync() => Connection.InvokeAsync<PresenceDto>(nameof(AgentHub.GetPresence)).WaitAsync(HubServer.Timeout);

    public Task<IReadOnlyList<QueueItemDto>> GetQueueAsync() =>
        Connection.InvokeAsync<IReadOnlyList<QueueItemDto>>(nameof(AgentHub.GetQueue)).WaitAsync(HubServer.Timeout);

    public Task ResolveAsync(string conversationId, string resolution) =>
        Connection.InvokeAsync(nameof(AgentHub.Resolve), new ResolveRequest(conversationId, resolution)).WaitAsync(HubServer.Timeout);
}

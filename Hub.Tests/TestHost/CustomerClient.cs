using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;

namespace SupportHub.Tests.TestHost;

/// <summary>A customer connection that records every event the server pushes to it.</summary>
public sealed class CustomerClient
{
    public CustomerClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<MessageDto>(nameof(ICustomerClient.MessageReceived), Messages.Add);
        connection.On<TypingDto>(nameof(ICustomerClient.TypingChanged), Typing.Add);
        connection.On<ReadDto>(nameof(ICustomerClient.MessagesRead), Reads.Add);
        connection.On<ConversationDto>(nameof(ICustomerClient.ConversationChanged), Changes.Add);
        connection.On<QueuePositionDto>(nameof(ICustomerClient.QueuePositionChanged), Positions.Add);
        connection.On<AgentsUnavailableDto>(nameof(ICustomerClient.AgentsUnavailable), Unavailable.Add);
    }

    public EventLog<QueuePositionDto> Positions { get; } = new();

    public EventLog<AgentsUnavailableDto> Unavailable { get; } = new();

    public HubConnection Connection { get; }

    public EventLog<MessageDto> Messages { get; } = new();

    public EventLog<TypingDto> Typing { get; } = new();

    public EventLog<ReadDto> Reads { get; } = new();

    public EventLog<ConversationDto> Changes { get; } = new();

    public Task<StartConversationResult> StartAsync(string text, string? topic = "billing", string? name = "Carla Customer", string? email = "carla@example.com") =>
        Connection.InvokeAsync<StartConversationResult>(
            nameof(CustomerHub.StartConversation), new StartConversationRequest(name, email, topic, text, Guid.NewGuid().ToString("N"))).WaitAsync(HubServer.Timeout);

    public Task<SendMessageResult> SendAsync(string conversationId, string text, string? clientMessageId = null) =>
        Connection.InvokeAsync<SendMessageResult>(
            nameof(CustomerHub.Send), new SendMessageRequest(conversationId, clientMessageId ?? Guid.NewGuid().ToString("N"), text)).WaitAsync(HubServer.Timeout);

    public Task<ResumeResult> ResumeAsync(string conversationId, long afterSeq) =>
        Connection.InvokeAsync<ResumeResult>(nameof(CustomerHub.Resume), new ResumeRequest(conversationId, afterSeq)).WaitAsync(HubServer.Timeout);
}

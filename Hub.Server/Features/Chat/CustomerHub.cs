using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Infrastructure.Auth;
using SupportHub.Server.Infrastructure.Limits;

namespace SupportHub.Server.Features.Chat;

/// <summary>
/// The customer's side of a chat, at <c>/hubs/customer</c>. A visitor token reaches only its own
/// conversations: another customer's id answers not_found, exactly like an id that does not exist,
/// and so does an erased one (docs/security.md, privacy).
/// </summary>
[Authorize(Policy = HubPolicies.Customer)]
public sealed class CustomerHub(
    StartConversation start,
    ConversationMessages messages,
    ConversationReader reader,
    CloseConversation close,
    RateConversation rate,
    LeaveMessage leaveMessage,
    ConversationLookup lookup,
    IConversationStore store) : Hub<ICustomerClient>
{
    private string CustomerId => Context.UserIdentifier ?? throw HubErrors.Create(HubErrors.Forbidden, "No customer identity.");

    public Task<StartConversationResult> StartConversation(StartConversationRequest request) =>
        start.StartAsync(CustomerId, request, ClientAddress.Of(Context.GetHttpContext()), Context.ConnectionAborted);

    public async Task<IReadOnlyList<ConversationDto>> GetConversations() =>
        await reader.ToDtosAsync(
            [.. (await store.ListByCustomerAsync(CustomerId, Context.ConnectionAborted)).Where(c => c.ErasedAt is null)], Context.ConnectionAborted);

    public async Task<SendMessageResult> Send(SendMessageRequest request)
    {
        var conversation = await OwnAsync(request.ConversationId);
        var sender = new Sender(SenderRole.Customer, CustomerId, conversation.CustomerName);
        return await messages.SendAsync(conversation, sender, request.ClientMessageId, MessageKind.Text, request.Text, Context.ConnectionAborted);
    }

    public async Task Typing(TypingRequest request)
    {
        var conversation = await OwnAsync(request.ConversationId);
        await messages.TypingAsync(conversation, new TypingDto(conversation.Id, SenderRole.Customer, conversation.CustomerName, request.IsTyping));
    }

    public async Task MarkRead(MarkReadRequest request) =>
        await messages.MarkReadAsync(await OwnAsync(request.ConversationId), SenderRole.Customer, request.Seq, Context.ConnectionAborted);

    /// <summary>Everything after <see cref="ResumeRequest.AfterSeq"/>, private notes excluded.</summary>
    public async Task<ResumeResult> Resume(ResumeRequest request) =>
        await reader.ResumeAsync(await OwnAsync(request.ConversationId), request.AfterSeq, includePrivateNotes: false, Context.ConnectionAborted);

    public async Task End(ConversationRequest request) =>
        await close.EndByCustomerAsync(await OwnAsync(request.ConversationId), Context.ConnectionAborted);

    /// <summary>The customer's satisfaction rating (CSAT), once, after the conversation closed.</summary>
    public async Task Rate(RateConversationRequest request) =>
        await rate.RateAsync(await OwnAsync(request.ConversationId), request.Score, request.Comment, Context.ConnectionAborted);

    /// <summary>When nobody can take the chat: the message is kept on the ticket and answered later.</summary>
    public async Task<LeaveMessageResult> LeaveMessage(LeaveMessageRequest request) =>
        await leaveMessage.LeaveAsync(await OwnAsync(request.ConversationId), request, Context.ConnectionAborted);

    private async Task<Conversation> OwnAsync(string conversationId)
    {
        var conversation = await lookup.FindAsync(conversationId, Context.ConnectionAborted);
        return conversation is not null && conversation.CustomerId == CustomerId && conversation.ErasedAt is null
            ? conversation
            : throw HubErrors.ConversationNotFound(conversationId);
    }
}

using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Errors;

namespace SupportHub.Server.Features.Routing;

/// <summary>Nobody can take the chat: what the customer writes stays on the ticket, answered later by e-mail.</summary>
public sealed class LeaveMessage(ICustomerStore customers, ConversationMessages messages, CloseConversation close)
{
    public async Task<LeaveMessageResult> LeaveAsync(Conversation conversation, LeaveMessageRequest request, CancellationToken ct)
    {
        if (!conversation.IsWaiting)
        {
            throw HubErrors.Create(HubErrors.Conflict, "An agent has the conversation already: write to them instead.");
        }

        if (!string.IsNullOrWhiteSpace(request.Email) && await customers.GetAsync(conversation.CustomerId, ct) is { } customer)
        {
            customer.Email = request.Email.Trim();
            await customers.ReplaceAsync(customer, ct);
        }

        var sent = await messages.SendAsync(conversation, new Sender(SenderRole.Customer, conversation.CustomerId, conversation.CustomerName),
            request.ClientMessageId, MessageKind.Text, request.Text, ct);
        // Only while nobody took it: an agent who accepted meanwhile reads the message in the conversation.
        if (!await close.EndWaitingAsync(conversation, $"Thank you. Your message is saved as ticket #{conversation.TicketNumber}; we will answer it by e-mail.", ct))
        {
            throw HubErrors.Create(HubErrors.Conflict, "An agent has the conversation already: write to them instead.");
        }

        return new LeaveMessageResult(conversation.TicketNumber, sent.Seq);
    }
}

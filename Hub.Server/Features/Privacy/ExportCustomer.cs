using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Features.Privacy;

/// <summary>Gathers a customer's record, conversations with every message, and tickets (the right of access).</summary>
public sealed class ExportCustomer(ICustomerStore customers, IConversationStore conversations, ITicketStore tickets, TimeProvider time)
{
    private const int PageSize = 500;

    /// <summary>A bound on the loop below: far above any transcript (a message flood is limited long before).</summary>
    private const int MaxPages = 20_000;

    public async Task<CustomerExport> ExportAsync(string customerId, CancellationToken ct)
    {
        var customer = await customers.GetAsync(customerId, ct)
            ?? throw HubErrors.Create(HubErrors.NotFound, $"Customer '{customerId}' does not exist.");
        var exported = new List<ConversationExport>();
        foreach (var conversation in await conversations.ListByCustomerAsync(customerId, ct))
        {
            exported.Add(new ConversationExport(conversation, await TranscriptAsync(conversation.Id, ct)));
        }

        return new CustomerExport(time.GetUtcNow(), customer, exported, await tickets.ListByCustomerAsync(customerId, ct));
    }

    /// <summary>Page after page; a transcript ends where a page comes back short.</summary>
    private async Task<IReadOnlyList<ChatMessage>> TranscriptAsync(string conversationId, CancellationToken ct)
    {
        var all = new List<ChatMessage>();
        for (var pages = 0; pages < MaxPages; pages++)
        {
            var page = await conversations.GetMessagesAsync(conversationId, all.Count == 0 ? 0 : all[^1].Seq, PageSize, includePrivateNotes: true, ct);
            all.AddRange(page);
            if (page.Count < PageSize)
            {
                return all;
            }
        }

        throw new InvalidOperationException($"Conversation {conversationId} has more than {MaxPages * PageSize} messages.");
    }
}

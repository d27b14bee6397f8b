using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Features.Privacy;

/// <summary>
/// The right to erasure. A customer in an open conversation is refused (409): it is ended or
/// resolved first, by the agent or the customer, so nobody is cut off mid-chat. Then, in this order:
/// the customer record is cleared and marked erased in one atomic step, after which no new start is
/// stored for it (the store refuses to write the customer back, and a start that raced the mark
/// finds it and erases its own conversation); then every conversation is erased (a conversation a
/// racing start opened meanwhile is ended first) with its messages deleted; then every ticket keeps
/// its number, status and level history but loses its texts. Every step is idempotent, so a repeated
/// or interrupted erasure is finished by running it again.
/// </summary>
public sealed class EraseCustomer(ICustomerStore customers, IConversationStore conversations, ITicketStore tickets, TimeProvider time)
{
    public async Task<ErasureResult> EraseAsync(string customerId, CancellationToken ct)
    {
        var customer = await customers.GetAsync(customerId, ct)
            ?? throw HubErrors.Create(HubErrors.NotFound, $"Customer '{customerId}' does not exist.");
        if ((await conversations.ListByCustomerAsync(customerId, ct)).FirstOrDefault(c => c.IsOpen) is { } open)
        {
            throw HubErrors.Create(HubErrors.Conflict, $"Customer '{customerId}' is in open conversation '{open.Id}'; end or resolve it first.");
        }

        var at = customer.ErasedAt ?? time.GetUtcNow();
        await customers.EraseAsync(customerId, at, ct);

        var erased = 0;
        foreach (var conversation in await conversations.ListByCustomerAsync(customerId, ct))
        {
            if (conversation.IsOpen)
            {
                await conversations.TryCloseAsync(conversation.Id, ConversationStatus.Ended, at, ct); // a start that raced the mark
            }

            erased += await conversations.TryEraseAsync(conversation.Id, TranscriptErasure.Delete, at, ct) ? 1 : 0;
        }

        var owned = await tickets.ListByCustomerAsync(customerId, ct);
        foreach (var ticket in owned)
        {
            await tickets.AnonymizeAsync(ticket.Id, at, ct);
        }

        return new ErasureResult(customerId, at, erased, owned.Count);
    }
}

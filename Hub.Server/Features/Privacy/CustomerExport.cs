using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Features.Privacy;

/// <summary>Everything Hub stores about one customer, as the export endpoint sends it.</summary>
public sealed record CustomerExport(
    DateTimeOffset ExportedAt,
    Customer Customer,
    IReadOnlyList<ConversationExport> Conversations,
    IReadOnlyList<Ticket> Tickets);

namespace SupportHub.Server.Features.Audit;

/// <param name="Entries">Newest first.</param>
/// <param name="Next">Pass as <c>before</c> for the next (older) page; null on the last page.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, string? Next);

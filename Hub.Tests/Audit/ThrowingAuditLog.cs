using SupportHub.Server.Features.Audit;

namespace SupportHub.Tests.Audit;

/// <summary>The real store behind a switch that makes every append fail, as a store that is down would.</summary>
internal sealed class ThrowingAuditLog(IAuditLog inner) : IAuditLog
{
    public bool Failing { get; set; }

    public Task AppendAsync(AuditEntry entry, CancellationToken ct = default) =>
        Failing ? throw new IOException("The audit store is down (test).") : inner.AppendAsync(entry, ct);

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken ct = default) => inner.QueryAsync(query, ct);
}

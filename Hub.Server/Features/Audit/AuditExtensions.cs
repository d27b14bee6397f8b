namespace SupportHub.Server.Features.Audit;

public static class AuditExtensions
{
    /// <summary>The trail features record to; the store's adapter (<see cref="IAuditLog"/>) comes with the document store.</summary>
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditTrail>();
        return builder;
    }
}

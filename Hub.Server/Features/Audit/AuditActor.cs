using System.Net;
using System.Security.Claims;
using SupportHub.Server.Infrastructure.Auth;

namespace SupportHub.Server.Features.Audit;

/// <summary>Who acted, and from which address: the first half of every <see cref="AuditEntry"/>.</summary>
public sealed record AuditActor(string? Id, AuditActorKind Kind, string? Name, string? ClientAddress)
{
    public static AuditActor System { get; } = new("hub", AuditActorKind.System, "Hub", null);

    /// <summary>A staff account (agent, supervisor or admin) by its id and display name.</summary>
    public static AuditActor Agent(string id, string displayName, IPAddress? address) =>
        new(id, AuditActorKind.Agent, displayName, address?.ToString());

    /// <summary>Nobody signed in; <paramref name="name"/> is what they claimed to be (the e-mail a failed sign-in tried).</summary>
    public static AuditActor Anonymous(string? name, IPAddress? address) =>
        new(null, AuditActorKind.Anonymous, name, address?.ToString());

    /// <summary>The caller of an endpoint or hub method, from its token's claims.</summary>
    public static AuditActor Of(ClaimsPrincipal? user, IPAddress? address)
    {
        var id = user?.FindFirstValue(HubClaims.Subject);
        if (id is null)
        {
            return Anonymous(null, address);
        }

        var kind = user!.IsInRole(HubClaims.CustomerRole) ? AuditActorKind.Customer : AuditActorKind.Agent;
        return new(id, kind, user.FindFirstValue(HubClaims.Name), address?.ToString());
    }

    /// <summary>The caller of an HTTP endpoint.</summary>
    public static AuditActor Of(HttpContext http) => Of(http.User, http.Connection.RemoteIpAddress);
}

using Microsoft.AspNetCore.SignalR;

namespace SupportHub.Server.Infrastructure.Auth;

/// <summary>SignalR's user id is the token subject: a customer id on the customer hub, an agent id on the agent hub.</summary>
internal sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User.FindFirst(HubClaims.Subject)?.Value;
}

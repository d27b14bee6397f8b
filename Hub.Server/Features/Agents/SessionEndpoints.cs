using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportHub.Server.Features.Audit;
using SupportHub.Server.Infrastructure.Auth;
using SupportHub.Server.Infrastructure.Validation;

namespace SupportHub.Server.Features.Agents;

/// <summary>Logout, one-time links and password changes under <c>/api/auth</c>.</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithValidation();
        group.MapPost("/logout", Logout).RequireAuthorization(HubPolicies.Staff);
        group.MapPost("/invitations/{token}", AcceptInvitation);
        group.MapPut("/me/password", ChangePassword).RequireAuthorization(HubPolicies.Staff);
        return app;
    }

    /// <summary>Ends every session of the agent, on every device and node: its tokens are refused, its connections closed.</summary>
    private static async Task<NoContent> Logout(HttpContext http, SessionRevocation sessions, AuditTrail audit, CancellationToken ct)
    {
        var agentId = http.User.FindFirstValue(HubClaims.Subject) ?? string.Empty;
        await sessions.EndAllAsync(agentId, ct);
        await audit.TryRecordAsync(AuditEntry.For(AuditActor.Of(http), AuditActions.SessionsRevoked, AuditTargets.Agent, agentId, "log out: every session ended"), ct);
        return TypedResults.NoContent();
    }

    /// <summary>Sets the password with a one-time link and signs the agent in.</summary>
    private static async Task<Ok<LoginResult>> AcceptInvitation(
        string token, AcceptInvitationRequest request, HttpContext http, PasswordLinks links, TokenService tokens, AuditTrail audit, CancellationToken ct)
    {
        var agent = await links.AcceptAsync(token, request.Password, ct);
        await audit.TryRecordAsync(
            AuditEntry.For(AuditActor.Agent(agent.Id, agent.DisplayName, http.Connection.RemoteIpAddress), AuditActions.PasswordChanged, AuditTargets.Agent, agent.Id, "set with a one-time link"),
            ct);
        var issued = tokens.IssueAgentToken(agent);
        return TypedResults.Ok(new LoginResult(issued.Token, issued.ExpiresAt, AgentProfile.From(agent)));
    }

    /// <summary>Every other session ends; this device gets a new token.</summary>
    private static async Task<Ok<LoginResult>> ChangePassword(
        ChangePasswordRequest request, HttpContext http, PasswordLinks links, TokenService tokens, AuditTrail audit, CancellationToken ct)
    {
        var agent = await links.ChangeAsync(http.User.FindFirstValue(HubClaims.Subject) ?? string.Empty, request.CurrentPassword, request.NewPassword, ct);
        await audit.TryRecordAsync(AuditEntry.For(AuditActor.Of(http), AuditActions.PasswordChanged, AuditTargets.Agent, agent.Id, "changed by the agent"), ct);
        var issued = tokens.IssueAgentToken(agent);
        return TypedResults.Ok(new LoginResult(issued.Token, issued.ExpiresAt, AgentProfile.From(agent)));
    }
}

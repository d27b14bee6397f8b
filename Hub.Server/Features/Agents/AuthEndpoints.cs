using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportHub.Server.Features.Audit;
using SupportHub.Server.Infrastructure.Auth;
using SupportHub.Server.Infrastructure.Limits;
using SupportHub.Server.Infrastructure.Validation;

namespace SupportHub.Server.Features.Agents;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithValidation();
        group.MapPost("/login", Login).WithSignInLimits<LoginRequest>(r => r.Email);
        group.MapGet("/me", Me).RequireAuthorization(HubPolicies.Staff);
        group.MapPut("/me/phone", SetPhone).RequireAuthorization(HubPolicies.Staff);
        app.MapSessions();
        app.MapTeamAdmin();
        return app;
    }

    private static async Task<Results<Ok<LoginResult>, ProblemHttpResult>> Login(
        LoginRequest request, AgentAccounts accounts, TokenService tokens, AuditTrail audit, HttpContext http, CancellationToken ct)
    {
        var agent = await accounts.VerifyAsync(request.Email, request.Password, ct);
        if (agent is null)
        {
            // The e-mail tried, never the password.
            await audit.TryRecordAsync(AuditEntry.For(AuditActor.Anonymous(request.Email, http.Connection.RemoteIpAddress), AuditActions.SignInFailed, AuditTargets.Agent, null), ct);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized, title: "Login failed", detail: "Unknown e-mail or wrong password.");
        }

        await audit.TryRecordAsync(AuditEntry.For(AuditActor.Agent(agent.Id, agent.DisplayName, http.Connection.RemoteIpAddress), AuditActions.SignInSucceeded, AuditTargets.Agent, agent.Id), ct);
        var token = tokens.IssueAgentToken(agent);
        return TypedResults.Ok(new LoginResult(token.Token, token.ExpiresAt, AgentProfile.From(agent)));
    }

    private static async Task<Results<Ok<AgentProfile>, NotFound>> Me(ClaimsPrincipal user, IAgentStore agents, CancellationToken ct)
    {
        var agent = await agents.GetAsync(user.FindFirstValue(HubClaims.Subject) ?? string.Empty, ct);
        return agent is null ? TypedResults.NotFound() : TypedResults.Ok(AgentProfile.From(agent));
    }

    /// <summary>Where the agent answers calls: a phone number, or (null) the browser.</summary>
    private static async Task<Results<Ok<AgentProfile>, NotFound>> SetPhone(
        SetPhoneRequest request, ClaimsPrincipal user, IAgentStore agents, CancellationToken ct)
    {
        var agent = await agents.GetAsync(user.FindFirstValue(HubClaims.Subject) ?? string.Empty, ct);
        if (agent is null)
        {
            return TypedResults.NotFound();
        }

        agent.PhoneNumber = string.IsNullOrWhiteSpace(request.PhoneNumber) ? null : request.PhoneNumber.Trim();
        await agents.ReplaceAsync(agent, ct);
        return TypedResults.Ok(AgentProfile.From(agent));
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportHub.Server.Features.Audit;
using SupportHub.Server.Infrastructure.Auth;
using SupportHub.Server.Infrastructure.Validation;

namespace SupportHub.Server.Features.Agents;

/// <summary><c>/api/admin/agents</c>: admins manage the team; supervisors may list it.</summary>
public static class TeamAdminEndpoints
{
    public static IEndpointRouteBuilder MapTeamAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/agents").WithValidation().RequireAuthorization(HubPolicies.Admin);
        app.MapGroup("/api/admin/agents").RequireAuthorization(HubPolicies.Supervisor).MapGet("", List);
        group.MapPost("", Create);
        group.MapPut("/{id}", Update);
        group.MapPost("/{id}/disable", Disable);
        group.MapPost("/{id}/enable", Enable);
        group.MapPost("/{id}/password-reset", ResetPassword);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<AgentAccountDto>>> List(IAgentStore agents, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<AgentAccountDto>>([.. (await agents.ListAsync(ct)).Select(AgentAccountDto.From)]);

    /// <summary>Recorded once the account exists (it has no id before); a log that cannot be written answers an error.</summary>
    private static async Task<Created<CreatedAgent>> Create(
        CreateAgentRequest request, HttpContext http, TeamAdministration team, AuditTrail audit, CancellationToken ct)
    {
        var created = await team.CreateAsync(request, ct);
        await audit.RecordAsync(
            AuditEntry.For(AuditActor.Of(http), AuditActions.AgentCreated, AuditTargets.Agent, created.Agent.Id, Describe(created.Agent.Email, request.Roles, request.Levels)),
            ct);
        return TypedResults.Created($"/api/admin/agents/{created.Agent.Id}", created);
    }

    /// <summary>Admin actions are recorded before they run: when the log cannot be written, nothing changes.</summary>
    private static async Task<Ok<AgentAccountDto>> Update(
        string id, UpdateAgentRequest request, HttpContext http, IAgentStore agents, TeamAdministration team, AuditTrail audit, CancellationToken ct)
    {
        var before = await agents.GetAsync(id, ct);
        var rolesChanged = before is not null && !before.Roles.Order().SequenceEqual(request.Roles.Order());
        var action = rolesChanged ? AuditActions.RolesChanged : AuditActions.AgentChanged;
        var details = rolesChanged
            ? $"roles {string.Join('+', before!.Roles)} -> {string.Join('+', request.Roles)}; " + Describe(null, request.Roles, request.Levels)
            : Describe(null, request.Roles, request.Levels);
        await audit.RecordAsync(AuditEntry.For(AuditActor.Of(http), action, AuditTargets.Agent, id, details), ct);
        return TypedResults.Ok(await team.UpdateAsync(id, request, AdminId(http.User), ct));
    }

    private static async Task<Ok<AgentAccountDto>> Disable(string id, HttpContext http, TeamAdministration team, AuditTrail audit, CancellationToken ct)
    {
        await audit.RecordAsync(AuditEntry.For(AuditActor.Of(http), AuditActions.AgentDisabled, AuditTargets.Agent, id), ct);
        return TypedResults.Ok(await team.SetEnabledAsync(id, enabled: false, AdminId(http.User), ct));
    }

    private static async Task<Ok<AgentAccountDto>> Enable(string id, HttpContext http, TeamAdministration team, AuditTrail audit, CancellationToken ct)
    {
        await audit.RecordAsync(AuditEntry.For(AuditActor.Of(http), AuditActions.AgentEnabled, AuditTargets.Agent, id), ct);
        return TypedResults.Ok(await team.SetEnabledAsync(id, enabled: true, AdminId(http.User), ct));
    }

    private static async Task<Ok<PasswordLink>> ResetPassword(string id, HttpContext http, PasswordLinks links, AuditTrail audit, CancellationToken ct)
    {
        await audit.RecordAsync(
            AuditEntry.For(AuditActor.Of(http), AuditActions.PasswordChanged, AuditTargets.Agent, id, "reset by an admin: sessions ended, one-time link issued"), ct);
        return TypedResults.Ok(await links.ResetAsync(id, ct));
    }

    private static string Describe(string? email, IEnumerable<AgentRole> roles, IEnumerable<int> levels) =>
        (email is null ? string.Empty : email + ", ") + $"roles {string.Join('+', roles)}, levels {string.Join(',', levels)}";

    private static string AdminId(ClaimsPrincipal user) => user.FindFirstValue(HubClaims.Subject) ?? string.Empty;
}

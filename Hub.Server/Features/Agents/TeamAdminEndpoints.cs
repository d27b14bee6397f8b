using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
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

    private static async Task<Created<CreatedAgent>> Create(CreateAgentRequest request, TeamAdministration team, CancellationToken ct)
    {
        var created = await team.CreateAsync(request, ct);
        return TypedResults.Created($"/api/admin/agents/{created.Agent.Id}", created);
    }

    private static async Task<Ok<AgentAccountDto>> Update(
        string id, UpdateAgentRequest request, ClaimsPrincipal user, TeamAdministration team, CancellationToken ct) =>
        TypedResults.Ok(await team.UpdateAsync(id, request, AdminId(user), ct));

    private static async Task<Ok<AgentAccountDto>> Disable(string id, ClaimsPrincipal user, TeamAdministration team, CancellationToken ct) =>
        TypedResults.Ok(await team.SetEnabledAsync(id, enabled: false, AdminId(user), ct));

    private static async Task<Ok<AgentAccountDto>> Enable(string id, ClaimsPrincipal user, TeamAdministration team, CancellationToken ct) =>
        TypedResults.Ok(await team.SetEnabledAsync(id, enabled: true, AdminId(user), ct));

    private static async Task<Ok<PasswordLink>> ResetPassword(string id, PasswordLinks links, CancellationToken ct) =>
        TypedResults.Ok(await links.ResetAsync(id, ct));

    private static string AdminId(ClaimsPrincipal user) => user.FindFirstValue(HubClaims.Subject) ?? string.Empty;
}

using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Calls;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Routing;
using static SupportHub.Tests.Authorization.Caller;
using static SupportHub.Tests.Authorization.Outcome;

namespace SupportHub.Tests.Authorization;

/// <summary>
/// The authorization matrix of docs/security.md#authorization as data: one row per hub method and
/// per HTTP endpoint, saying what each kind of caller gets. A method or endpoint without a row fails
/// <see cref="AuthorizationMatrixTests.EveryHubMethodAndEndpoint_HasARow"/>.
/// </summary>
public static class MatrixRows
{
    public static IReadOnlyList<HubRow> AgentHub { get; } =
    [
        Agent(nameof(Server.Features.Chat.AgentHub.Heartbeat), SceneState.Active, null, AnyStaff),
        Agent(nameof(Server.Features.Chat.AgentHub.GetPresence), SceneState.Active, null, AnyStaff),
        Agent(nameof(Server.Features.Chat.AgentHub.SetPresence), SceneState.Active, (_, _) => new SetPresenceRequest(PresenceStatus.Busy), AnyStaff),
        Agent(nameof(Server.Features.Chat.AgentHub.GetTeamPresence), SceneState.Active, null, SupervisorOnly),
        Agent(nameof(Server.Features.Chat.AgentHub.AcceptOffer), SceneState.Waiting, (s, _) => new ConversationRequest(s.ConversationId), AnyStaff),
        Agent(nameof(Server.Features.Chat.AgentHub.DeclineOffer), SceneState.Waiting, (s, _) => new ConversationRequest(s.ConversationId), AnyStaff),
        Agent(nameof(Server.Features.Chat.AgentHub.Escalate), SceneState.Active, (s, _) => new EscalateRequest(s.ConversationId, 2, "needs level 2", "Tried the usual."), Assigned),
        Agent(nameof(Server.Features.Chat.AgentHub.Transfer), SceneState.Active, (s, f) => new TransferRequest(s.ConversationId, f.UnassignedAgentId, "Knows this."), Assigned),
        Agent(nameof(Server.Features.Chat.AgentHub.Reassign), SceneState.Active, (s, f) => new ReassignRequest(s.ConversationId, f.UnassignedAgentId), SupervisorOnly),
        Agent(nameof(Server.Features.Chat.AgentHub.GetQueue), SceneState.Waiting, null, AnyStaff),
        Agent(nameof(Server.Features.Chat.AgentHub.GetQueuePage), SceneState.Waiting, (_, _) => new QueuePageRequest(1, 0), AnyStaff),
        Agent(nameof(Server.Features.Chat.AgentHub.GetFloods), SceneState.Waiting, null, SupervisorOnly),
        Agent(nameof(Server.Features.Chat.AgentHub.PurgeFlood), SceneState.Waiting, (_, _) => new PurgeFloodRequest("192.0.2.1"), SupervisorOnly),
        Agent(nameof(Server.Features.Chat.AgentHub.GetMyConversations), SceneState.Active, null, AnyStaff),
        Agent(nameof(Server.Features.Chat.AgentHub.Claim), SceneState.Waiting, (s, _) => new ConversationRequest(s.ConversationId), AnyStaff),
        Agent(nameof(Server.Features.Chat.AgentHub.Open), SceneState.Closed, (s, _) => new ConversationRequest(s.ConversationId), AnyStaff),
        Agent(nameof(Server.Features.Chat.AgentHub.Resume), SceneState.Active, (s, _) => new ResumeRequest(s.ConversationId, 0), AnyStaff),
        Agent(nameof(Server.Features.Chat.AgentHub.Send), SceneState.Active, (s, _) => new SendMessageRequest(s.ConversationId, Guid.NewGuid().ToString("N"), "Hello"), Assigned),
        Agent(nameof(Server.Features.Chat.AgentHub.AddNote), SceneState.Closed, (s, _) => new SendMessageRequest(s.ConversationId, Guid.NewGuid().ToString("N"), "Note"), AnyStaff),
        Agent(nameof(Server.Features.Chat.AgentHub.Typing), SceneState.Active, (s, _) => new TypingRequest(s.ConversationId, true), Assigned),
        Agent(nameof(Server.Features.Chat.AgentHub.MarkRead), SceneState.Active, (s, _) => new MarkReadRequest(s.ConversationId, 1), Assigned),
        Agent(nameof(Server.Features.Chat.AgentHub.Resolve), SceneState.Active, (s, _) => new ResolveRequest(s.ConversationId, "Done."), Assigned),
        Agent(nameof(Server.Features.Chat.AgentHub.Reopen), SceneState.Closed, (s, _) => new ConversationRequest(s.ConversationId), HeldOrLevelOrSupervisor),
        Agent(nameof(Server.Features.Chat.AgentHub.HoldCall), SceneState.Active, (s, _) => new HoldCallRequest(s.ConversationId, true), Assigned),
        Agent(nameof(Server.Features.Chat.AgentHub.HangUpCall), SceneState.Active, (s, _) => new ConversationRequest(s.ConversationId), Assigned),
        Agent(nameof(Server.Features.Chat.AgentHub.WarmTransfer), SceneState.Active, (s, f) => new WarmTransferRequest(s.ConversationId, f.UnassignedAgentId, "Please help."), Assigned),
        Agent(nameof(Server.Features.Chat.AgentHub.CompleteWarmTransfer), SceneState.Active, (s, f) => new WarmTransferRequest(s.ConversationId, f.UnassignedAgentId), Assigned),
        Agent(nameof(Server.Features.Chat.AgentHub.CancelWarmTransfer), SceneState.Active, (s, f) => new WarmTransferRequest(s.ConversationId, f.UnassignedAgentId), Assigned),
    ];

    public static IReadOnlyList<HubRow> CustomerHub { get; } =
    [
        Customer(nameof(Server.Features.Chat.CustomerHub.StartConversation), SceneState.Waiting,
            _ => new StartConversationRequest("Carla", null, "billing", "Hello again", Guid.NewGuid().ToString("N")), AnyCustomer),
        Customer(nameof(Server.Features.Chat.CustomerHub.GetConversations), SceneState.Active, null, AnyCustomer),
        Customer(nameof(Server.Features.Chat.CustomerHub.Send), SceneState.Active, s => new SendMessageRequest(s.ConversationId, Guid.NewGuid().ToString("N"), "Hi"), OwnCustomer),
        Customer(nameof(Server.Features.Chat.CustomerHub.Typing), SceneState.Active, s => new TypingRequest(s.ConversationId, true), OwnCustomer),
        Customer(nameof(Server.Features.Chat.CustomerHub.MarkRead), SceneState.Active, s => new MarkReadRequest(s.ConversationId, 1), OwnCustomer),
        Customer(nameof(Server.Features.Chat.CustomerHub.Resume), SceneState.Active, s => new ResumeRequest(s.ConversationId, 0), OwnCustomer),
        Customer(nameof(Server.Features.Chat.CustomerHub.End), SceneState.Active, s => new ConversationRequest(s.ConversationId), OwnCustomer),
        Customer(nameof(Server.Features.Chat.CustomerHub.Rate), SceneState.Closed, s => new RateConversationRequest(s.ConversationId, 5, null), OwnCustomer),
        Customer(nameof(Server.Features.Chat.CustomerHub.LeaveMessage), SceneState.Waiting,
            s => new LeaveMessageRequest(s.ConversationId, Guid.NewGuid().ToString("N"), "Call me back", null), OwnCustomer),
    ];

    /// <summary>Keyed as the endpoint data source names them: HTTP method and route pattern.</summary>
    public static IReadOnlyList<EndpointRow> Endpoints { get; } =
    [
        Http("GET", "/health", (_, _) => "/health", null, Anyone),
        Http("POST", "/api/auth/login", (_, _) => "/api/auth/login", f => Json(new LoginRequest(f.AssignedAgentEmail, TestHost.TestAgents.Password)), Anyone),
        Http("GET", "/api/auth/me", (_, _) => "/api/auth/me", null, StaffOverHttp),
        Http("PUT", "/api/auth/me/phone", (_, _) => "/api/auth/me/phone", _ => Json(new SetPhoneRequest(null)), StaffOverHttp),
        Http("POST", "/api/visitors", (_, _) => "/api/visitors", _ => Json(new Server.Features.Customers.CreateVisitorRequest(null, null)), Anyone),
        Http("GET", "/api/availability", (_, _) => "/api/availability", null, Anyone),
        Http("GET", "/api/tickets/{number:long}", (s, _) => $"/api/tickets/{s.TicketNumber}", null, StaffOverHttp),
        Http("GET", "/api/tickets/", (s, _) => $"/api/tickets/?customerId={s.CustomerId}", null, StaffOverHttp),
        Http("GET", "/api/customers/{id}", (s, _) => $"/api/customers/{s.CustomerId}", null, StaffOverHttp),
        Http("GET", CallRoutes.Token, (_, _) => CallRoutes.Token, null, StaffOverHttp),
        Http("GET", "/api/audit/", (_, _) => "/api/audit/", null, SupervisorOverHttp),
        Http("POST", "/api/auth/logout", (_, _) => "/api/auth/logout", null, StaffOverHttp) with { EndsSessions = true },
        Http("POST", "/api/auth/invitations/{token}", (_, _) => "/api/auth/invitations/not-a-link", _ => Json(new AcceptInvitationRequest("a long enough password")), Anyone),
        Http("PUT", "/api/auth/me/password", (_, _) => "/api/auth/me/password", _ => Json(new ChangePasswordRequest("wrong", "")), StaffOverHttp),
        Http("GET", "/api/admin/agents/", (_, _) => "/api/admin/agents/", null, SupervisorOverHttp),
        Http("POST", "/api/admin/agents/", (_, _) => "/api/admin/agents/", _ => Json(NewAccount()), AdminOverHttp),
        Http("PUT", "/api/admin/agents/{id}", (_, f) => $"/api/admin/agents/{f.SpareAgentId}",
            _ => Json(new UpdateAgentRequest("Spare", [AgentRole.Agent], [1], [], 3, 1)), AdminOverHttp),
        Http("POST", "/api/admin/agents/{id}/disable", (_, f) => $"/api/admin/agents/{f.SpareAgentId}/disable", null, AdminOverHttp),
        Http("POST", "/api/admin/agents/{id}/enable", (_, f) => $"/api/admin/agents/{f.SpareAgentId}/enable", null, AdminOverHttp),
        Http("POST", "/api/admin/agents/{id}/password-reset", (_, f) => $"/api/admin/agents/{f.SpareAgentId}/password-reset", null, AdminOverHttp),
        Http("GET", "/api/admin/customers/", (s, _) => "/api/admin/customers/?email=carla@example.com", null, AdminOverHttp),
        Http("GET", "/api/admin/customers/{id}/export", (s, _) => $"/api/admin/customers/{s.CustomerId}/export", null, AdminOverHttp),
        Http("POST", "/api/admin/customers/{id}/erase", (s, _) => $"/api/admin/customers/{s.CustomerId}/erase", null, AdminOverHttp),
        .. TwilioWebhooks(),
    ];

    /// <summary>The hubs' own endpoints (negotiate and connect): their rows are the hub rows above.</summary>
    public static IReadOnlyList<string> HubEndpoints { get; } =
    [
        $"* {ChatExtensions.CustomerHubPath}/negotiate", $"* {ChatExtensions.CustomerHubPath}",
        $"* {ChatExtensions.AgentHubPath}/negotiate", $"* {ChatExtensions.AgentHubPath}",
    ];

    private static IEnumerable<EndpointRow> TwilioWebhooks() =>
        new[]
        {
            CallRoutes.Incoming, CallRoutes.Menu, CallRoutes.Ticket, CallRoutes.Wait, CallRoutes.LeaveQueue, CallRoutes.QueueResult,
            CallRoutes.DialResult, CallRoutes.Hold, CallRoutes.MessageMenu, CallRoutes.Message, CallRoutes.Voicemail,
            CallRoutes.VoicemailTranscription, CallRoutes.Transcription, CallRoutes.Recording, CallRoutes.Status, CallRoutes.Outgoing,
        }.Select(hook => Http("POST", CallRoutes.Webhooks + hook, (_, _) => CallRoutes.Webhooks + hook,
            _ => new FormUrlEncodedContent(new Dictionary<string, string> { ["CallSid"] = "CA0123456789abcdef0123456789abcdef" }), _ => TwilioSignature));

    private static bool IsStaff(Caller c) => c is UnassignedAgent or AssignedAgent or OtherLevelAgent or Caller.Supervisor or Admin;

    public static Outcome AnyStaff(Caller c) => IsStaff(c) ? Allowed : NoConnection;

    /// <summary>The assigned agent, or any supervisor or admin.</summary>
    public static Outcome Assigned(Caller c) => c switch
    {
        AssignedAgent or Caller.Supervisor or Admin => Allowed,
        UnassignedAgent or OtherLevelAgent => Forbidden,
        _ => NoConnection,
    };

    public static Outcome SupervisorOnly(Caller c) => c switch
    {
        Caller.Supervisor or Admin => Allowed,
        UnassignedAgent or AssignedAgent or OtherLevelAgent => Unauthorized,
        _ => NoConnection,
    };

    /// <summary>Reopen: the agent who last held it, an agent of its level, a supervisor or admin; not an agent of another level.</summary>
    public static Outcome HeldOrLevelOrSupervisor(Caller c) => c switch
    {
        OtherLevelAgent => Forbidden,
        _ => AnyStaff(c),
    };

    public static Outcome AnyCustomer(Caller c) => c is Caller.Customer or OtherCustomer ? Allowed : NoConnection;

    public static Outcome OwnCustomer(Caller c) => c switch
    {
        Caller.Customer => Allowed,
        OtherCustomer => NotFound,
        _ => NoConnection,
    };

    public static Outcome Anyone(Caller c) => Allowed;

    public static Outcome StaffOverHttp(Caller c) => IsStaff(c) ? Allowed : c == Anonymous ? Status401 : Status403;

    public static Outcome AdminOverHttp(Caller c) => c is Admin ? Allowed : c == Anonymous ? Status401 : Status403;

    private static CreateAgentRequest NewAccount() =>
        new($"new-{Guid.NewGuid():N}@example.com", "New Agent", null, [AgentRole.Agent], [1], [], 3, 1);

    public static Outcome SupervisorOverHttp(Caller c) => c is Caller.Supervisor or Admin ? Allowed : c == Anonymous ? Status401 : Status403;

    private static HubRow Agent(string method, SceneState state, Func<Scene, MatrixFixture, object>? request, Func<Caller, Outcome> expect) =>
        new(ChatExtensions.AgentHubPath, method, state, request, expect);

    private static HubRow Customer(string method, SceneState state, Func<Scene, object>? request, Func<Caller, Outcome> expect) =>
        new(ChatExtensions.CustomerHubPath, method, state, request is null ? null : (s, _) => request(s), expect);

    private static EndpointRow Http(string method, string pattern, Func<Scene, MatrixFixture, string> path, Func<MatrixFixture, HttpContent>? body, Func<Caller, Outcome> expect) =>
        new(method, pattern, path, body, expect);

    private static StringContent Json(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, TestHost.HubServer.Json), System.Text.Encoding.UTF8, "application/json");
}

/// <param name="Request">The one argument; null for a method that takes none.</param>
public sealed record HubRow(string Hub, string Method, SceneState State, Func<Scene, MatrixFixture, object>? Request, Func<Caller, Outcome> Expect)
{
    public override string ToString() => $"{Hub} {Method}";
}

public sealed record EndpointRow(string Method, string Pattern, Func<Scene, MatrixFixture, string> Path, Func<MatrixFixture, HttpContent>? Body, Func<Caller, Outcome> Expect)
{
    /// <summary>The endpoint ends the caller's sessions: the matrix signs the caller in again after trying it.</summary>
    public bool EndsSessions { get; init; }

    public string Key => $"{Method} {Pattern}";

    public override string ToString() => Key;
}

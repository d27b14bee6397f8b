using System.Net.Http.Headers;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Tests.Calls;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Authorization;

/// <summary>
/// One server for the whole matrix, with voice on (so Twilio's webhooks check signatures), one
/// signed-in account per kind of staff caller and one customer who owns nothing. Every try gets a
/// fresh conversation (<see cref="NewSceneAsync"/>), so what an allowed caller changes never
/// reaches the next try.
/// </summary>
public sealed class MatrixFixture : IAsyncLifetime
{
    /// <summary>Capacity enough for every try of the matrix: a full agent would answer conflict, which hides nothing, but is noise.</summary>
    private const int Capacity = 1000;

    private readonly Dictionary<Caller, string> tokens = [];
    private readonly Dictionary<Caller, HubConnection> agentHub = [];
    private readonly Dictionary<Caller, string> emails = [];

    public HubServer Server { get; private set; } = null!;

    public string UnassignedAgentId { get; private set; } = "";

    public string AssignedAgentEmail { get; private set; } = "";

    /// <summary>An account only the admin rows change (disable, enable, update, reset), so no caller loses its session.</summary>
    public string SpareAgentId { get; private set; } = "";

    public HubConnection OtherCustomer { get; private set; } = null!;

    public static IReadOnlyList<Caller> StaffCallers { get; } =
        [Caller.UnassignedAgent, Caller.AssignedAgent, Caller.OtherLevelAgent, Caller.Supervisor, Caller.Admin];

    public async Task InitializeAsync()
    {
        // Every try starts a visitor and a conversation from 127.0.0.1: far above the limits a real address gets.
        var settings = Voice.Settings(new Uri("http://127.0.0.1:9/"));
        settings["Hub:Limits:VisitorsPerAddress:PermitLimit"] = "100000";
        settings["Hub:Limits:ConversationsPerVisitor:PermitLimit"] = "100000";
        settings["Hub:Limits:WaitingConversationsPerVisitor"] = "100000";
        Server = HubServer.Start(settings: settings);
        SpareAgentId = (await Server.CreateAgentAsync("Spare", [1], [AgentRole.Agent])).Agent.Id;
        AssignedAgentEmail = (await AddAgentAsync(Caller.AssignedAgent, "Ada", [1], [AgentRole.Agent])).Agent.Email;
        UnassignedAgentId = (await AddAgentAsync(Caller.UnassignedAgent, "Una", [1], [AgentRole.Agent])).Agent.Id;
        await AddAgentAsync(Caller.OtherLevelAgent, "Leo", [2], [AgentRole.Agent]);
        await AddAgentAsync(Caller.Supervisor, "Sam", [3], [AgentRole.Agent, AgentRole.Supervisor]);
        await AddAgentAsync(Caller.Admin, "Alex", [3], [AgentRole.Admin]);
        var other = await Server.CreateVisitorAsync();
        tokens[Caller.OtherCustomer] = other.Token;
        OtherCustomer = await Server.ConnectAsync(ChatExtensions.CustomerHubPath, other.Token);
    }

    private async Task<LoginResult> AddAgentAsync(Caller caller, string name, int[] levels, AgentRole[] roles)
    {
        var login = await Server.CreateAgentAsync(name, levels, roles, Capacity);
        emails[caller] = login.Agent.Email;
        tokens[caller] = login.Token;
        agentHub[caller] = (await Server.ConnectAgentAsync(login.Token)).Connection;
        return login;
    }

    /// <summary>After a row that ends the caller's sessions (logout): signs the caller in again.</summary>
    public async Task RenewSessionAsync(Caller caller)
    {
        if (!emails.TryGetValue(caller, out var email))
        {
            return;
        }

        var login = await Server.LoginAsync(email, TestAgents.Password);
        tokens[caller] = login.Token;
        await agentHub[caller].DisposeAsync();
        agentHub[caller] = (await Server.ConnectAgentAsync(login.Token)).Connection;
    }

    public HubConnection AgentConnection(Caller caller) => agentHub[caller];

    /// <summary>The token the caller sends: none for anonymous, the scene's customer's for the customer.</summary>
    public string? TokenOf(Caller caller, Scene scene) => caller switch
    {
        Caller.Anonymous => null,
        Caller.Customer => scene.CustomerToken,
        _ => tokens[caller],
    };

    public async Task<Scene> NewSceneAsync(SceneState state)
    {
        var visitor = await Server.CreateVisitorAsync();
        var customer = await Server.ConnectAsync(ChatExtensions.CustomerHubPath, visitor.Token);
        var started = await customer.InvokeAsync<StartConversationResult>(nameof(CustomerHub.StartConversation),
            new StartConversationRequest("Carla", null, "billing", "My invoice is wrong", Guid.NewGuid().ToString("N"))).WaitAsync(HubServer.Timeout);
        var id = started.ConversationId;
        var ada = agentHub[Caller.AssignedAgent];
        if (state != SceneState.Waiting)
        {
            await ada.InvokeAsync<ResumeResult>(nameof(AgentHub.Claim), new ConversationRequest(id)).WaitAsync(HubServer.Timeout);
        }

        if (state == SceneState.Closed)
        {
            await ada.InvokeAsync(nameof(AgentHub.Resolve), new ResolveRequest(id, "Fixed.")).WaitAsync(HubServer.Timeout);
        }

        return new Scene(customer, visitor.Token, visitor.CustomerId, id, started.TicketNumber);
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? token, HttpContent? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

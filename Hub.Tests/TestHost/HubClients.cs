using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Routing;

namespace SupportHub.Tests.TestHost;

/// <summary>
/// Real HTTP and SignalR clients (WebSockets, negotiation skipped, as docs/protocol/client-guide.md
/// recommends) of one Hub at <see cref="BaseAddress"/>: an in-process <see cref="HubServer"/> or a
/// <see cref="HubNode"/> process. Disposing closes every connection it made.
/// </summary>
public sealed class HubClients(Uri baseAddress) : IAsyncDisposable
{
    private readonly List<HubConnection> connections = [];
    private readonly Lock gate = new();

    public Uri BaseAddress { get; } = baseAddress;

    public HttpClient Http { get; } = new() { BaseAddress = baseAddress, Timeout = HubServer.Timeout };

    public async Task<VisitorSession> CreateVisitorAsync()
    {
        var response = await Http.PostAsJsonAsync("/api/visitors", new CreateVisitorRequest(null, null), HubServer.Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<VisitorSession>(HubServer.Json))!;
    }

    public async Task<LoginResult> LoginAsync(string email, string password)
    {
        var response = await Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(email, password), HubServer.Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LoginResult>(HubServer.Json))!;
    }

    public async Task<CustomerClient> ConnectCustomerAsync(string token) =>
        new(await ConnectAsync(ChatExtensions.CustomerHubPath, token));

    /// <summary>Connected and joined: the first call returns only after the server's OnConnectedAsync has run.</summary>
    public async Task<AgentClient> ConnectAgentAsync(string token)
    {
        var client = new AgentClient(await ConnectAsync(ChatExtensions.AgentHubPath, token));
        await client.Connection.InvokeAsync<PresenceDto>(nameof(AgentHub.GetPresence)).WaitAsync(HubServer.Timeout);
        return client;
    }

    /// <summary>A started connection over WebSockets; null token connects anonymously.</summary>
    public async Task<HubConnection> ConnectAsync(string path, string? token)
    {
        var connection = BuildConnection(path, token);
        lock (gate)
        {
            connections.Add(connection);
        }

        await connection.StartAsync().WaitAsync(HubServer.Timeout);
        return connection;
    }

    public HubConnection BuildConnection(string path, string? token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, path), HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                if (token is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();

    public async ValueTask DisposeAsync()
    {
        List<HubConnection> open;
        lock (gate)
        {
            open = [.. connections];
            connections.Clear();
        }

        foreach (var connection in open)
        {
            await connection.DisposeAsync();
        }

        Http.Dispose();
    }
}

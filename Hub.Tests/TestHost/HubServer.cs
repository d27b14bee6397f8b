using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Customers;

namespace SupportHub.Tests.TestHost;

/// <summary>
/// One running Hub.Server for a test: Kestrel on loopback, its own data folder, real HTTP and
/// SignalR clients over WebSockets.
/// </summary>
public sealed class HubServer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly HubApplicationFactory factory;
    private readonly bool ownsDataPath;
    private readonly HubClients clients;

    private HubServer(HubApplicationFactory factory, string dataPath, bool ownsDataPath)
    {
        this.factory = factory;
        this.ownsDataPath = ownsDataPath;
        DataPath = dataPath;
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        clients = new HubClients(new Uri(addresses.Addresses.First()));
    }

    public Uri BaseAddress => clients.BaseAddress;

    public HttpClient Http => clients.Http;

    public string DataPath { get; }

    public IServiceProvider Services => factory.Services;

    /// <param name="dataPath">An existing data folder to reuse (restart tests); a new temporary one when null.</param>
    /// <param name="services">Test hooks that replace the server's services; null for none.</param>
    /// <param name="settings">Configuration; a null value removes a test default (the server's own default applies).</param>
    public static HubServer Start(
        string? dataPath = null, string environment = "Testing", IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var owns = dataPath is null;
        dataPath ??= NewDataPath();
        var all = new Dictionary<string, string?>
        {
            ["Hub:Storage:DataPath"] = dataPath,
            ["Hub:Auth:SigningKey"] = "test-signing-key-that-is-long-enough-0123456789",
            // Tests hash passwords a lot; SecretsAtRestTests proves the production default on its own.
            ["Hub:Auth:PasswordHashIterations"] = "10000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        foreach (var unset in all.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList())
        {
            all.Remove(unset); // null: the server's own default
        }

        var factory = new HubApplicationFactory(all, environment, services);
        factory.StartOnLoopback();
        return new HubServer(factory, dataPath, owns);
    }

    public static string NewDataPath() => Path.Combine(Path.GetTempPath(), "hub-tests", Guid.NewGuid().ToString("N"));

    public T Service<T>()
        where T : notnull => factory.Services.GetRequiredService<T>();

    public Task<VisitorSession> CreateVisitorAsync() => clients.CreateVisitorAsync();

    /// <summary>Creates an agent with a unique e-mail and logs it in over HTTP.</summary>
    public async Task<LoginResult> CreateAgentAsync(string name, int[]? levels = null, AgentRole[]? roles = null, int capacity = 3, string[]? skills = null)
    {
        var agent = TestAgents.New(name, levels, roles, capacity, skills);
        Assert.NotNull(await Service<AgentAccounts>().CreateAsync(agent));
        return await clients.LoginAsync(agent.Email, agent.Password);
    }

    public Task<CustomerClient> ConnectCustomerAsync(string token) => clients.ConnectCustomerAsync(token);

    /// <summary>Connected and joined: the first call returns only after the server's OnConnectedAsync has run.</summary>
    public Task<AgentClient> ConnectAgentAsync(string token) => clients.ConnectAgentAsync(token);

    public Task<LoginResult> LoginAsync(string email, string password) => clients.LoginAsync(email, password);

    /// <summary>A started connection over WebSockets; null token connects anonymously.</summary>
    public Task<HubConnection> ConnectAsync(string path, string? token) => clients.ConnectAsync(path, token);

    public HubConnection BuildConnection(string path, string? token) => clients.BuildConnection(path, token);

    private static bool IsBackplaneTeardownTimeout(Exception e) =>
        e is StackExchange.Redis.RedisTimeoutException
        || (e is AggregateException aggregate && aggregate.InnerExceptions.All(IsBackplaneTeardownTimeout))
        || (e.InnerException is { } inner && e is not AggregateException && IsBackplaneTeardownTimeout(inner));

    public async ValueTask DisposeAsync()
    {
        await clients.DisposeAsync();
        try
        {
            await factory.DisposeAsync();
        }
        catch (Exception e) when (IsBackplaneTeardownTimeout(e))
        {
            // The SignalR Redis backplane unsubscribes synchronously when the host is disposed; on a
            // busy 2-core CI machine that UNSUBSCRIBE can pass its sync timeout. The test has finished
            // and asserted by then; the host is stopped either way, so a slow goodbye is not a failure.
        }
        if (ownsDataPath && Directory.Exists(DataPath))
        {
            Directory.Delete(DataPath, recursive: true);
        }
    }
}

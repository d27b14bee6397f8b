using MongoDB.Driver;
using SupportHub.Server.Features.Agents;
using SupportHub.Tests.Storage;
using Xunit.Abstractions;

namespace SupportHub.Tests.TestHost;

/// <summary>
/// Several Hub.Server processes (<see cref="HubNode"/>) on one shared store and one Redis, as Hub runs
/// in its distributed mode: the MongoDB that <see cref="MongoTestServer"/> picks (a real one when
/// HUB_TEST_MONGODB is set, else the CongoDB stand-in), in a database of the cluster's own, and a
/// redis-server of the cluster's own that a test may stop and start again. Every node has the same
/// signing key, so a token from one node is good on every other. Disposing writes each node's log to
/// the test output, stops everything and drops the database.
/// </summary>
public sealed class HubCluster : IAsyncDisposable
{
    public const string SigningKey = "cluster-signing-key-that-is-long-enough-0123456789";

    /// <summary>Lower than production's, as in <see cref="HubServer"/>: tests hash passwords a lot.</summary>
    public const int PasswordHashIterations = 10_000;

    private const int LogLines = 60;
    private const int LogLineLength = 400;

    private readonly ITestOutputHelper output;
    private readonly StoreHost store;
    private readonly string mongoConnection;
    private readonly string database;

    private HubCluster(ITestOutputHelper output, IReadOnlyList<HubNode> nodes, RedisServer redis, StoreHost store, string mongoConnection, string database)
    {
        this.output = output;
        Nodes = nodes;
        Redis = redis;
        this.store = store;
        this.mongoConnection = mongoConnection;
        this.database = database;
    }

    public IReadOnlyList<HubNode> Nodes { get; }

    public RedisServer Redis { get; }

    /// <summary>The shared store as the nodes see it, from inside the test.</summary>
    public StoreHost Store => store;

    /// <summary>Starts <paramref name="nodes"/> nodes named A, B, C...; skips the test when no MongoDB can be had.</summary>
    /// <param name="settings">Added to (or replacing) every node's configuration, keys as in appsettings.</param>
    public static async Task<HubCluster> StartAsync(ITestOutputHelper output, int nodes = 2, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var mongoConnection = await MongoTestServer.ConnectionStringAsync();
        var database = "hub_cluster_" + Guid.NewGuid().ToString("N")[..12];
        var redis = await RedisServer.StartAsync();
        var store = await StoreHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MongoDb"] = mongoConnection,
            ["Hub:Mongo:Database"] = database,
        });
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:MongoDb"] = mongoConnection,
            ["Hub:Mongo:Database"] = database,
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Hub:Auth:SigningKey"] = SigningKey,
            ["Hub:Auth:PasswordHashIterations"] = PasswordHashIterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hub:Routing:SweepInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var starting = Enumerable.Range(0, nodes).Select(i => HubNode.StartAsync(((char)('A' + i)).ToString(), all)).ToList();
        try
        {
            return new HubCluster(output, await Task.WhenAll(starting), redis, store, mongoConnection, database);
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            await store.DisposeAsync();
            redis.Dispose();
            throw;
        }
    }

    /// <summary>An agent in the shared store (so every node knows it), logged in over HTTP at <paramref name="loginAt"/>.</summary>
    public async Task<LoginResult> CreateAgentAsync(HubNode loginAt, string name, int[]? levels = null, AgentRole[]? roles = null, int capacity = 3)
    {
        var agent = TestAgents.New(name, levels, roles, capacity);
        var hashing = Microsoft.Extensions.Options.Options.Create(new Microsoft.AspNetCore.Identity.PasswordHasherOptions { IterationCount = PasswordHashIterations });
        Assert.NotNull(await new AgentAccounts(store.Agents, TestAgents.DemoPolicy, TimeProvider.System, new Microsoft.AspNetCore.Identity.PasswordHasher<Agent>(hashing)).CreateAsync(agent));
        return await loginAt.Clients.LoginAsync(agent.Email, agent.Password);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var node in Nodes)
            {
                output.WriteLine($"--- node {node.Name} ({node.BaseAddress}), last {LogLines} lines of {node.LogFile} ---");
                foreach (var line in node.ReadLog().Split(Environment.NewLine).TakeLast(LogLines))
                {
                    output.WriteLine(line.Length > LogLineLength ? line[..LogLineLength] + " ..." : line);
                }

                await node.DisposeAsync();
            }

            await store.DisposeAsync();
            await new MongoClient(mongoConnection).DropDatabaseAsync(database);
        }
        finally
        {
            Redis.Dispose();
        }
    }
}

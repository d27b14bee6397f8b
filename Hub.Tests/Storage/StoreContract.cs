using MongoDB.Driver;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Storage;

/// <summary>
/// Base of the port contract suites: each adapter's test class says how to start its store; every
/// test then runs unchanged against it. LiteDB runs always; MongoDB too, against the server
/// <see cref="MongoTestServer"/> picks: a real MongoDB when HUB_TEST_MONGODB holds a connection
/// string, otherwise the CongoDB stand-in (each test class instance gets its own database, dropped afterwards).
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    private StoreHost? host;
    private string? liteDbPath;
    private string? mongoDatabase;
    private string? mongoConnection;

    /// <summary>Started on first use inside a test, so an adapter that is not available here can skip.</summary>
    protected async Task<StoreHost> StoresAsync() => host ??= await StartStoresAsync();

    protected abstract Task<StoreHost> StartStoresAsync();

    protected Task<StoreHost> StartLiteDbAsync()
    {
        liteDbPath = Path.Combine(Path.GetTempPath(), "hub-contract", Guid.NewGuid().ToString("N"));
        return StoreHost.StartAsync(new Dictionary<string, string?> { ["Hub:Storage:DataPath"] = liteDbPath });
    }

    protected async Task<StoreHost> StartMongoAsync()
    {
        mongoConnection = await MongoTestServer.ConnectionStringAsync();
        mongoDatabase = "hub_contract_" + Guid.NewGuid().ToString("N")[..12];
        return await StoreHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MongoDb"] = mongoConnection,
            ["Hub:Mongo:Database"] = mongoDatabase,
        });
    }

    protected static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Millisecond precision: what every document store keeps.</summary>
    protected static DateTimeOffset Now() =>
        DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (liteDbPath is not null && Directory.Exists(liteDbPath))
        {
            Directory.Delete(liteDbPath, recursive: true);
        }

        if (mongoDatabase is not null && mongoConnection is not null)
        {
            await new MongoClient(mongoConnection).DropDatabaseAsync(mongoDatabase);
        }
    }
}

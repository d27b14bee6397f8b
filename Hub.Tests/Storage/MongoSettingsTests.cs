using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Infrastructure;
using SupportHub.Server.Infrastructure.Mongo;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Storage;

/// <summary>
/// The MongoDB adapter's client settings as the server composes them: write concern and database
/// name. The client connects lazily, so most of these need no server; the last ones write through
/// the stand-in (or a real MongoDB) to show where the data lands.
/// </summary>
public sealed class MongoSettingsTests
{
    private const string NoDatabase = "mongodb://127.0.0.1:1/?directConnection=true";

    [Fact]
    public void ByDefault_EveryCollection_WritesWithMajorityAndJournal()
    {
        using var services = Compose(NoDatabase);
        var database = services.GetRequiredService<IMongoDatabase>();

        Assert.Equal("""{ "w" : "majority", "j" : true }""", database.Settings.WriteConcern.ToBsonDocument().ToJson());
        Assert.Equal(database.Settings.WriteConcern, database.GetCollection<Customer>("customers").Settings.WriteConcern);
        Assert.Equal(WriteConcern.WMajority.With(journal: true), services.GetRequiredService<IMongoClient>().Settings.WriteConcern);
    }

    [Fact]
    public void TheSetting_ReplacesTheConnectionStringsWriteConcern()
    {
        using var services = Compose(
            "mongodb://127.0.0.1:1/?directConnection=true&w=majority&journal=true",
            new() { ["Hub:Mongo:WriteConcern"] = "2", ["Hub:Mongo:Journal"] = "false" });

        Assert.Equal("""{ "w" : 2, "j" : false }""", services.GetRequiredService<IMongoDatabase>().Settings.WriteConcern.ToBsonDocument().ToJson());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("Majority")]
    [InlineData("")]
    public void AWriteConcernOtherThanMajorityOrAMemberCount_StopsStartUp(string value)
    {
        using var services = Compose(NoDatabase, new() { ["Hub:Mongo:WriteConcern"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MongoOptions>>().Value);
        Assert.Contains("Hub:Mongo:WriteConcern", error.Message);
    }

    [Theory]
    [InlineData("mongodb://127.0.0.1:1/shop?directConnection=true", null, "shop")]
    [InlineData("mongodb://127.0.0.1:1/shop?directConnection=true", "shop", "shop")]
    [InlineData(NoDatabase, "hub_eu", "hub_eu")]
    [InlineData("mongodb://127.0.0.1:1", null, "supporthub")]
    public void TheDatabase_IsTheConnectionStrings_ElseTheSetting_ElseSupporthub(string connection, string? setting, string expected)
    {
        using var services = Compose(connection, new() { ["Hub:Mongo:Database"] = setting });

        Assert.Equal(expected, services.GetRequiredService<IMongoDatabase>().DatabaseNamespace.DatabaseName);
    }

    [Fact]
    public void TwoDifferentDatabaseNames_StopStartUp_NamingBoth()
    {
        using var services = Compose("mongodb://127.0.0.1:1/shop?directConnection=true", new() { ["Hub:Mongo:Database"] = "hub" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MongoOptions>>().Value);
        Assert.Contains("\"shop\"", error.Message);
        Assert.Contains("\"hub\"", error.Message);
    }

    [SkippableFact]
    public async Task TheConnectionStringsDatabase_IsWhereTheDataGoes()
    {
        var server = await MongoTestServer.ConnectionStringAsync();
        var database = "hub_url_" + Guid.NewGuid().ToString("N")[..12];
        var inUrl = new MongoUrlBuilder(server) { DatabaseName = database }.ToString();
        try
        {
            await using (var stores = await StoreHost.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:MongoDb"] = inUrl }))
            {
                await stores.Customers.CreateAsync(new Customer { Id = "c-" + database });
            }

            var raw = new MongoClient(server).GetDatabase(database).GetCollection<BsonDocument>(MongoCollections.Customers);
            Assert.Equal(1, await raw.CountDocumentsAsync(new BsonDocument("_id", "c-" + database)));
        }
        finally
        {
            await new MongoClient(server).DropDatabaseAsync(database);
        }
    }

    [SkippableFact]
    public async Task WithoutADatabaseInTheConnectionString_TheSettingNamesIt()
    {
        var server = await MongoTestServer.ConnectionStringAsync();
        var database = "hub_setting_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await using (var stores = await StoreHost.StartAsync(new Dictionary<string, string?>
            {
                ["ConnectionStrings:MongoDb"] = server,
                ["Hub:Mongo:Database"] = database,
            }))
            {
                await stores.Customers.CreateAsync(new Customer { Id = "c-" + database });
            }

            var raw = new MongoClient(server).GetDatabase(database).GetCollection<BsonDocument>(MongoCollections.Customers);
            Assert.Equal(1, await raw.CountDocumentsAsync(new BsonDocument("_id", "c-" + database)));
        }
        finally
        {
            await new MongoClient(server).DropDatabaseAsync(database);
        }
    }

    /// <summary>The document store as the server composes it, not started (the client has not connected).</summary>
    private static ServiceProvider Compose(string connection, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings ?? []) { ["ConnectionStrings:MongoDb"] = connection });
        builder.AddDocumentStore();
        return builder.Services.BuildServiceProvider();
    }
}

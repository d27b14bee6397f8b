using MongoDB.Driver;

namespace SupportHub.Server.Infrastructure.Mongo;

/// <summary>Creates the indexes before the server takes traffic; the stores' correctness rests on the unique ones.</summary>
internal sealed partial class MongoIndexInitializer(IMongoDatabase database, ILogger<MongoIndexInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MongoIndexes.EnsureAsync(database, cancellationToken);
        LogIndexesEnsured(database.DatabaseNamespace.DatabaseName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "MongoDB indexes ensured on database {Database}")]
    private partial void LogIndexesEnsured(string database);
}

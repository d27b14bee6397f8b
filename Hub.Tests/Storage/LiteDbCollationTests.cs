using System.Globalization;
using LiteDB;
using Microsoft.Extensions.Options;
using SupportHub.Server.Infrastructure.LiteDb;

namespace SupportHub.Tests.Storage;

public sealed class LiteDbCollationTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "hub-collation", Guid.NewGuid().ToString("N"));

    [Fact]
    public void AFileCreatedWithLiteDbsDefaultCollation_IsRebuiltOrdinal_KeepsItsDocuments_AndOpensAgain()
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "hub.db");
        using (var old = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            Assert.True(old.Collation.SortOptions.HasFlag(CompareOptions.IgnoreCase));
            old.GetCollection(LiteDbCollections.Messages).Insert(new BsonDocument { ["_id"] = "m1", ["ClientMessageId"] = "X" });
        }

        new LiteDbContext(Options.Create(new LiteDbOptions { DataPath = folder, FileName = "hub.db" })).Dispose();
        using var context = new LiteDbContext(Options.Create(new LiteDbOptions { DataPath = folder, FileName = "hub.db" })); // and opens again

        Assert.Equal(CompareOptions.Ordinal, context.Database.Collation.SortOptions);
        var messages = context.Database.GetCollection(LiteDbCollections.Messages);
        Assert.Single(messages.Find(Query.EQ("ClientMessageId", "X")));
        Assert.Empty(messages.Find(Query.EQ("ClientMessageId", "x")));
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

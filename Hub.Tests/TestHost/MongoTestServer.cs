namespace SupportHub.Tests.TestHost;

/// <summary>
/// The MongoDB server the MongoDB tests use: a real one when HUB_TEST_MONGODB holds its connection
/// string, otherwise CongoDB, the stand-in in infra/congodb, so that the tests run on every run.
/// Only when neither can be had do the tests skip, saying why (docs/storage.md).
/// </summary>
public static class MongoTestServer
{
    public const string Variable = "HUB_TEST_MONGODB";

    /// <summary>The connection string to use; skips the calling test when there is no server.</summary>
    public static async Task<string> ConnectionStringAsync()
    {
        var real = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(real))
        {
            return real;
        }

        try
        {
            return (await CongoDbServer.SharedAsync()).ConnectionString;
        }
        catch (CongoDbUnavailableException e)
        {
            throw new SkipException($"No MongoDB here: {Variable} is not set and the stand-in in infra/congodb is missing ({e.Message}).");
        }
    }
}

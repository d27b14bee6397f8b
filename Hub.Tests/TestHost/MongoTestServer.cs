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
            return WithoutDatabase(real);
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

    /// <summary>
    /// Each test names its own database (Hub:Mongo:Database), which the server refuses when the
    /// connection string names another; so the server's URL loses its database here, which stays the
    /// authentication database when there are credentials.
    /// </summary>
    private static string WithoutDatabase(string connection)
    {
        var url = new MongoDB.Driver.MongoUrlBuilder(connection);
        if (string.IsNullOrEmpty(url.DatabaseName))
        {
            return connection;
        }

        if (url.Username is not null && url.AuthenticationSource is null)
        {
            url.AuthenticationSource = url.DatabaseName;
        }

        url.DatabaseName = null;
        return url.ToString();
    }
}

using System.Globalization;
using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace SupportHub.Server.Infrastructure.Mongo;

/// <summary>
/// MongoDB configuration errors fail start-up with a message naming the setting. A plain options
/// validator rather than FluentValidation: the document store is composed without the validation
/// feature (tests start it alone).
/// </summary>
internal sealed class MongoOptionsValidator : IValidateOptions<MongoOptions>
{
    private const string Section = MongoOptions.SectionName;
    private const string Connection = "ConnectionStrings:" + MongoOptions.ConnectionStringName;

    public ValidateOptionsResult Validate(string? name, MongoOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"{Connection} must be a MongoDB connection string, e.g. mongodb://localhost:27017/supporthub?replicaSet=rs0.");
        }

        MongoUrl url;
        try
        {
            url = MongoUrl.Create(options.ConnectionString);
        }
        catch (Exception e) when (e is MongoConfigurationException or FormatException or ArgumentException)
        {
            return ValidateOptionsResult.Fail($"{Connection} is not a MongoDB connection string: {e.Message}");
        }

        var failures = new List<string>();
        var database = options.Database;
        if (database is not null && string.IsNullOrWhiteSpace(database))
        {
            failures.Add($"{Section}:Database must not be blank; leave it unset to use the connection string's database or \"{MongoOptions.DefaultDatabase}\".");
        }
        else if (!string.IsNullOrEmpty(url.DatabaseName) && database is not null && database != url.DatabaseName)
        {
            failures.Add($"{Connection} names the database \"{url.DatabaseName}\" and {Section}:Database names \"{database}\": name it in one place, or the same in both.");
        }

        if (!IsWriteConcern(options.WriteConcern))
        {
            failures.Add($"{Section}:WriteConcern must be \"majority\" or a number of members from 1 up; it was \"{options.WriteConcern}\".");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsWriteConcern(string? value) =>
        value == "majority" || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var members) && members >= 1);
}

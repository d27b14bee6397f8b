using LiteDB;
using SupportHub.Server.Features.Customers;

namespace SupportHub.Server.Infrastructure.LiteDb;

/// <summary>
/// One customer per site user id, enforced by LiteDB as MongoDB's partial unique index enforces it.
/// LiteDB has no partial indexes and indexes a missing field as null, so a unique index on
/// ExternalId alone would let only one customer go without one. The index is on an expression
/// instead: the external id where there is one, else the customer's own id, each with its own
/// prefix so that the two can never be equal.
/// </summary>
internal static class LiteDbCustomerIndexes
{
    public const string ExternalIdIndexName = "uniqueExternalId";

    /// <summary>The indexed expression; look-ups use the same text, so the index serves them.</summary>
    public const string ExternalIdKey = "IIF($.ExternalId = null, 'id:' + $._id, 'external:' + $.ExternalId)";

    /// <summary>The first version's index on ExternalId, which was not unique; replaced by this one.</summary>
    private const string FormerIndexName = "ExternalId";

    public static string ExternalIdKeyOf(string externalId) => "external:" + externalId;

    /// <summary>
    /// Creates the index (a no-op when it exists). A file that already holds two customers with one
    /// external id cannot get it: LiteDB throws a duplicate-key error and the server does not start
    /// (docs/storage.md says what to do).
    /// </summary>
    public static void Ensure(ILiteCollection<Customer> customers)
    {
        customers.DropIndex(FormerIndexName);
        customers.EnsureIndex(ExternalIdIndexName, ExternalIdKey, unique: true);
    }
}

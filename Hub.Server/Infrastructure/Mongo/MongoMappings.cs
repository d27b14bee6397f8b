using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Bson.Serialization.Serializers;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Tickets;

namespace SupportHub.Server.Infrastructure.Mongo;

/// <summary>
/// How the domain classes map to BSON, kept here so the domain stays free of Mongo attributes.
/// The driver's registries are process-wide and throw on a second registration, while the app,
/// every store and the tests all call <see cref="EnsureRegistered"/>: hence the gate.
/// </summary>
internal static class MongoMappings
{
    private const string ConventionName = "SupportHub domain";
    private static readonly Lock Gate = new();
    private static bool registered;

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (registered)
            {
                return;
            }

            var conventions = new ConventionPack
            {
                // topLevelOnly: false also covers List<AgentRole>.
                new EnumRepresentationConvention(BsonType.String, topLevelOnly: false),
                new IgnoreExtraElementsConvention(true),
                new DateTimeOffsetAsDateTimeConvention(),
            };
            ConventionRegistry.Register(ConventionName, conventions, IsDomainType);

            BsonClassMap.TryRegisterClassMap<Conversation>(map =>
            {
                map.AutoMap();
                map.MapIdMember(c => c.Id);
                // The state rules are computed, never stored.
                map.UnmapMember(c => c.IsOpen);
                map.UnmapMember(c => c.IsWaiting);
                map.UnmapMember(c => c.IsWithAgent);
                map.UnmapMember(c => c.CanBeReopened);
                map.UnmapMember(c => c.IsLiveCall);
            });
            BsonClassMap.TryRegisterClassMap<ChatMessage>(map =>
            {
                map.AutoMap();
                map.MapIdMember(m => m.Id);
            });
            BsonClassMap.TryRegisterClassMap<Ticket>(map =>
            {
                map.AutoMap();
                map.MapIdMember(t => t.Id);
            });
            BsonClassMap.TryRegisterClassMap<LevelChange>(map => map.AutoMap());
            BsonClassMap.TryRegisterClassMap<Customer>(map =>
            {
                map.AutoMap();
                map.MapIdMember(c => c.Id);
            });
            BsonClassMap.TryRegisterClassMap<Agent>(map =>
            {
                map.AutoMap();
                map.MapIdMember(a => a.Id);
            });

            registered = true;
        }
    }

    private static bool IsDomainType(Type type) =>
        type.Namespace?.StartsWith("SupportHub.Server.Features.", StringComparison.Ordinal) == true;

    /// <summary>
    /// BSON DateTime (UTC milliseconds) rather than the driver's default array of ticks and offset,
    /// so dates sort, compare and show as dates in the shell and in range queries.
    /// </summary>
    private sealed class DateTimeOffsetAsDateTimeConvention() : ConventionBase("DateTimeOffsetAsDateTime"), IMemberMapConvention
    {
        public void Apply(BsonMemberMap memberMap)
        {
            if (memberMap.MemberType == typeof(DateTimeOffset))
            {
                memberMap.SetSerializer(new DateTimeOffsetSerializer(BsonType.DateTime));
            }
            else if (memberMap.MemberType == typeof(DateTimeOffset?))
            {
                memberMap.SetSerializer(new NullableSerializer<DateTimeOffset>(new DateTimeOffsetSerializer(BsonType.DateTime)));
            }
        }
    }
}

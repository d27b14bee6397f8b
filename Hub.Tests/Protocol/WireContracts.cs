using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;

namespace SupportHub.Tests.Protocol;

/// <summary>
/// What the server puts on the wire, read by reflection: the hubs' methods, the client interfaces' events,
/// and every DTO and enum reachable from them (and from the HTTP bodies named by the caller), with
/// each DTO's JSON property names (camelCase, as SignalR's JSON protocol and the HTTP API write them).
/// Types are looked up by name, so a move to another namespace does not break the test.
/// </summary>
internal sealed class WireContracts
{
    private static readonly Assembly Server = typeof(Program).Assembly;

    private static readonly HashSet<Type> Scalars =
    [
        typeof(string), typeof(bool), typeof(char), typeof(byte), typeof(short), typeof(int), typeof(long),
        typeof(float), typeof(double), typeof(decimal), typeof(DateTimeOffset), typeof(DateTime), typeof(TimeSpan), typeof(Guid),
    ];

    private readonly Dictionary<Type, string> dtos = [];
    private readonly Dictionary<Type, string> enums = [];

    /// <summary>Each DTO found, with where it was first reached from (for failure messages).</summary>
    public IReadOnlyDictionary<Type, string> Dtos => dtos;

    /// <summary>Each enum found, with where it was first reached from.</summary>
    public IReadOnlyDictionary<Type, string> Enums => enums;

    public static Type ServerType(string name)
    {
        var found = Server.GetTypes().Where(t => t.Name == name && !t.IsGenericTypeDefinition).ToList();
        Assert.True(found.Count == 1, $"Expected one type named {name} in Hub.Server, found {found.Count}.");
        return found[0];
    }

    /// <summary>The SignalR-callable methods a hub declares (its own public instance methods, not Hub's lifetime overrides).</summary>
    public static IReadOnlyList<MethodInfo> HubMethods(Type hub)
    {
        Assert.True(typeof(Hub).IsAssignableFrom(hub), $"{hub.Name} is not a SignalR hub.");
        return hub.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == hub)
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The events of a client interface (its methods; each takes one payload).</summary>
    public static IReadOnlyList<MethodInfo> ClientEvents(Type client)
    {
        Assert.True(client.IsInterface, $"{client.Name} is not an interface.");
        return client.GetMethods().OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
    }

    public static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    /// <summary>The public instance properties that are serialized.</summary>
    public static IEnumerable<PropertyInfo> WireProperties(Type dto) =>
        dto.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null);

    public void AddHub(Type hub)
    {
        foreach (var method in HubMethods(hub))
        {
            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType, $"{hub.Name}.{method.Name}({parameter.Name})");
            }

            Add(method.ReturnType, $"{hub.Name}.{method.Name} result");
        }
    }

    public void AddClient(Type client)
    {
        foreach (var method in ClientEvents(client))
        {
            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType, $"{client.Name}.{method.Name} payload");
            }
        }
    }

    public void Add(Type type, string from)
    {
        type = Unwrap(type);
        if (type == typeof(void) || type == typeof(Task) || type == typeof(ValueTask) || Scalars.Contains(type))
        {
            return;
        }

        if (type.IsEnum)
        {
            enums.TryAdd(type, from);
            return;
        }

        Assert.True(
            type.Assembly == Server && type.IsClass && !type.IsGenericType,
            $"{from}: {type} is neither a scalar, an enum, a list nor a DTO of Hub.Server; teach {nameof(WireContracts)} how it is serialized.");
        if (!dtos.TryAdd(type, from))
        {
            return;
        }

        foreach (var property in WireProperties(type))
        {
            Add(property.PropertyType, $"{type.Name}.{property.Name}");
        }
    }

    /// <summary>Task&lt;T&gt;, T?, T[] and lists of T travel as T (a list as a JSON array of T).</summary>
    private static Type Unwrap(Type type)
    {
        while (true)
        {
            if (type.IsArray)
            {
                type = type.GetElementType()!;
            }
            else if (Nullable.GetUnderlyingType(type) is { } inner)
            {
                type = inner;
            }
            else if (type.IsGenericType && IsWrapper(type.GetGenericTypeDefinition()))
            {
                type = type.GetGenericArguments()[0];
            }
            else
            {
                return type;
            }
        }
    }

    private static bool IsWrapper(Type definition) =>
        definition == typeof(Task<>) || definition == typeof(ValueTask<>) || definition == typeof(IReadOnlyList<>) ||
        definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>) || definition == typeof(IList<>) ||
        definition == typeof(ICollection<>) || definition == typeof(List<>);
}

using System.Reflection;

namespace SupportHub.Tests.Protocol;

/// <summary>
/// The shared TypeScript protocol module (Hub.Widget/src/protocol, used by the widget and the console)
/// against the server's C# contracts, read by reflection: a DTO field, enum member, hub method, client
/// event or error code added on the server fails here until the TypeScript has it too.
/// </summary>
public sealed class SharedProtocolTests
{
    /// <summary>HTTP bodies the widget and the console exchange (the hubs' types are found by reflection).</summary>
    private static readonly string[] HttpTypes =
    [
        "CreateVisitorRequest", "VisitorSession", // /api/visitors (widget)
        "LoginRequest", "LoginResult", "AgentProfile", "SetPhoneRequest", // /api/auth (console)
        "AcceptInvitationRequest", "ChangePasswordRequest", "PasswordLink", // /api/auth (console)
        "AgentAccountDto", "CreateAgentRequest", "UpdateAgentRequest", "CreatedAgent", // /api/admin/agents (console)
        "Ticket", "CustomerDto", "VoiceTokenDto", // /api/tickets, /api/customers, /api/voice/token (console)
    ];

    /// <summary>C# types whose TypeScript interface has another name.</summary>
    private static readonly Dictionary<string, string> TsNames = new(StringComparer.Ordinal)
    {
        ["Ticket"] = "TicketDto", // the endpoint answers the stored entity; "Dto" says it is wire data on the client
    };

    private static readonly (string Hub, string Methods)[] Hubs = [("CustomerHub", "CustomerHubMethods"), ("AgentHub", "AgentHubMethods")];

    private static readonly (string Client, string Events)[] Clients = [("ICustomerClient", "CustomerClientEvents"), ("IAgentClient", "AgentClientEvents")];

    private static readonly TsProtocolModule Ts = TsProtocolModule.Load();

    [Fact]
    public void EveryFieldOfEveryWireDto_IsInTheTypeScriptInterfaceOfTheSameName()
    {
        var contracts = Collect();
        Assert.True(contracts.Dtos.Count > 20, $"Only {contracts.Dtos.Count} DTOs found: the reflection walk lost its way.");

        var missing = new List<string>();
        foreach (var (type, from) in contracts.Dtos.OrderBy(d => d.Key.Name, StringComparer.Ordinal))
        {
            var tsName = TsNames.GetValueOrDefault(type.Name, type.Name);
            if (!Ts.Interfaces.TryGetValue(tsName, out var fields))
            {
                missing.Add($"{type.Name} (reached from {from}) has no `export interface {tsName}` in {TsProtocolModule.Folder}");
                continue;
            }

            missing.AddRange(WireContracts.WireProperties(type)
                .Select(WireContracts.JsonName)
                .Where(field => !fields.Contains(field))
                .Select(field => $"{type.Name}.{field} is missing from the TypeScript interface {tsName}"));
        }

        Assert.True(missing.Count == 0, "The TypeScript protocol lags behind the C# contracts:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryMemberOfEveryWireEnum_IsInTheTypeScriptUnionOfTheSameName()
    {
        var missing = new List<string>();
        foreach (var (type, from) in Collect().Enums.OrderBy(e => e.Key.Name, StringComparer.Ordinal))
        {
            if (!Ts.Unions.TryGetValue(type.Name, out var members))
            {
                missing.Add($"enum {type.Name} (reached from {from}) has no `export type {type.Name} = \"...\" | ...` in the TypeScript protocol");
                continue;
            }

            missing.AddRange(Enum.GetNames(type).Where(n => !members.Contains(n)).Select(n => $"{type.Name}.{n} is missing from the TypeScript union {type.Name}"));
        }

        Assert.True(missing.Count == 0, "The TypeScript protocol lags behind the C# enums:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryHubMethod_IsInTheTypeScriptMethodMap() =>
        AssertAllInMaps(Hubs, hub => WireContracts.HubMethods(WireContracts.ServerType(hub)), "method map");

    [Fact]
    public void EveryClientEvent_IsInTheTypeScriptEventMap() =>
        AssertAllInMaps(Clients, client => WireContracts.ClientEvents(WireContracts.ServerType(client)), "event map");

    [Fact]
    public void EveryHubErrorCode_IsInTheTypeScriptErrorCodes()
    {
        var codes = WireContracts.ServerType("HubErrors")
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.NotEmpty(codes);
        var union = Ts.Unions.GetValueOrDefault("HubErrorCode") ?? throw new Xunit.Sdk.XunitException("No `export type HubErrorCode` in the TypeScript protocol.");
        var missing = codes.Where(c => !union.Contains(c)).ToList();
        Assert.True(missing.Count == 0, $"Hub error codes missing from the TypeScript union HubErrorCode: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Reader_FindsInterfaceFieldsWithInheritedOnesAndStringUnions_ButNotNestedMembersOrComments()
    {
        var module = TsProtocolModule.Parse(
        [
            """
            /** A doc comment: { fake: string; } */
            export type Kind = "A" | "B";
            export type Alias = Kind | "C";
            export interface Dto {
              id: string; // note: comment
              optional?: number | null;
              nested: { inner: string };
              readonly list: Kind[];
            }
            export interface Generic<T extends unknown[], R> extends Base { args: T; result: R }
            export interface Base { base: string }
            export interface Derived extends Dto, Outside<string> { own: boolean }
            """,
        ]);

        Assert.Equal(["id", "list", "nested", "optional"], module.Interfaces["Dto"].Order(StringComparer.Ordinal));
        Assert.Equal(["args", "base", "result"], module.Interfaces["Generic"].Order(StringComparer.Ordinal));
        Assert.Equal(["id", "list", "nested", "optional", "own"], module.Interfaces["Derived"].Order(StringComparer.Ordinal));
        Assert.Equal(["A", "B"], module.Unions["Kind"].Order(StringComparer.Ordinal));
        Assert.False(module.Unions.ContainsKey("Alias"));
    }

    /// <summary>Each C# type's method names must be members of its TypeScript map interface.</summary>
    private static void AssertAllInMaps((string Type, string Map)[] pairs, Func<string, IEnumerable<MethodInfo>> methodsOf, string kind)
    {
        var missing = new List<string>();
        foreach (var (type, map) in pairs)
        {
            var names = Ts.Interfaces.GetValueOrDefault(map) ?? throw new Xunit.Sdk.XunitException($"No `export interface {map}` in the TypeScript protocol.");
            missing.AddRange(methodsOf(type).Select(m => m.Name).Where(name => !names.Contains(name)).Select(name => $"{type}.{name} is missing from the TypeScript {kind} {map}"));
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    private static WireContracts Collect()
    {
        var contracts = new WireContracts();
        foreach (var (hub, _) in Hubs)
        {
            contracts.AddHub(WireContracts.ServerType(hub));
        }

        foreach (var (client, _) in Clients)
        {
            contracts.AddClient(WireContracts.ServerType(client));
        }

        foreach (var name in HttpTypes)
        {
            contracts.Add(WireContracts.ServerType(name), $"HTTP body {name}");
        }

        return contracts;
    }
}

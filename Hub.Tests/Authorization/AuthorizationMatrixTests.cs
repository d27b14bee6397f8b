using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Authorization;

/// <summary>
/// Acceptance 5: every hub method and every HTTP endpoint, tried by every kind of caller on a real
/// server, answers as the matrix in docs/security.md#authorization says; a method or endpoint
/// added without a row fails the completeness test.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixFixture fixture) : IClassFixture<MatrixFixture>
{
    public static TheoryData<string> HubRows() => [.. MatrixRows.AgentHub.Concat(MatrixRows.CustomerHub).Select(r => r.ToString())];

    public static TheoryData<string> EndpointRows() => [.. MatrixRows.Endpoints.Select(r => r.Key)];

    [Theory]
    [MemberData(nameof(HubRows))]
    public async Task HubMethod_AnswersEveryCaller_AsTheMatrixSays(string row)
    {
        var hubRow = MatrixRows.AgentHub.Concat(MatrixRows.CustomerHub).Single(r => r.ToString() == row);
        var wrong = new List<string>();
        foreach (var caller in Enum.GetValues<Caller>())
        {
            var scene = await fixture.NewSceneAsync(hubRow.State);
            var expected = hubRow.Expect(caller);
            var actual = await TryAsync(hubRow, caller, scene);
            if (actual != expected)
            {
                wrong.Add($"{caller}: expected {expected}, got {actual}");
            }

            await scene.Customer.DisposeAsync();
        }

        Assert.True(wrong.Count == 0, $"{row}:\n" + string.Join('\n', wrong));
    }

    [Theory]
    [MemberData(nameof(EndpointRows))]
    public async Task Endpoint_AnswersEveryCaller_AsTheMatrixSays(string row)
    {
        var endpoint = MatrixRows.Endpoints.Single(r => r.Key == row);
        var wrong = new List<string>();
        foreach (var caller in Enum.GetValues<Caller>())
        {
            var scene = await fixture.NewSceneAsync(SceneState.Active);
            using var request = fixture.Request(new HttpMethod(endpoint.Method), endpoint.Path(scene, fixture), fixture.TokenOf(caller, scene), endpoint.Body?.Invoke(fixture));
            using var response = await fixture.Server.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var actual = (int)response.StatusCode switch
            {
                StatusCodes.Status401Unauthorized => Outcome.Status401,
                StatusCodes.Status403Forbidden when body.Contains("X-Twilio-Signature", StringComparison.Ordinal) => Outcome.TwilioSignature,
                StatusCodes.Status403Forbidden => Outcome.Status403,
                _ => Outcome.Allowed,
            };
            var expected = endpoint.Expect(caller);
            if (actual != expected)
            {
                wrong.Add($"{caller}: expected {expected}, got {actual} ({(int)response.StatusCode} {body})");
            }

            if (endpoint.EndsSessions)
            {
                await fixture.RenewSessionAsync(caller);
            }

            await scene.Customer.DisposeAsync();
        }

        Assert.True(wrong.Count == 0, $"{row}:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void EveryHubMethodAndEndpoint_HasARow()
    {
        static IEnumerable<string> MethodsOf(Type hub) =>
            hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync)))
                .Select(m => m.Name);

        var mapped = fixture.Server.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => $"{(e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } verbs ? string.Join(',', verbs) : "*")} {e.RoutePattern.RawText}");
        var actual = MethodsOf(typeof(AgentHub)).Select(m => $"{ChatExtensions.AgentHubPath} {m}")
            .Concat(MethodsOf(typeof(CustomerHub)).Select(m => $"{ChatExtensions.CustomerHubPath} {m}"))
            .Concat(mapped)
            .ToHashSet();
        var rows = MatrixRows.AgentHub.Concat(MatrixRows.CustomerHub).Select(r => r.ToString())
            .Concat(MatrixRows.Endpoints.Select(r => r.Key))
            .Concat(MatrixRows.HubEndpoints)
            .ToHashSet();

        var withoutRow = actual.Except(rows).Order().ToList();
        var withoutMethod = rows.Except(actual).Order().ToList();
        Assert.True(
            withoutRow.Count == 0 && withoutMethod.Count == 0,
            $"Without a row in MatrixRows: {string.Join(", ", withoutRow)}\nRows without a method or endpoint: {string.Join(", ", withoutMethod)}");
    }

    private async Task<Outcome> TryAsync(HubRow row, Caller caller, Scene scene)
    {
        var connection = await ConnectionOfAsync(row.Hub, caller, scene);
        if (connection is null)
        {
            return Outcome.NoConnection;
        }

        try
        {
            var arguments = row.Request is null ? [] : new[] { row.Request(scene, fixture) };
            await connection.InvokeCoreAsync(row.Method, typeof(object), arguments).WaitAsync(HubServer.Timeout);
            return Outcome.Allowed;
        }
        catch (HubException e) when (e.Message.Contains("because user is unauthorized", StringComparison.Ordinal))
        {
            return Outcome.Unauthorized;
        }
        catch (HubException e)
        {
            return HubError.Of(e).Split(':')[0] switch
            {
                "forbidden" => Outcome.Forbidden,
                "not_found" => Outcome.NotFound,
                _ => Outcome.Allowed,
            };
        }
    }

    /// <summary>The caller's connection to the hub; null when the hub refuses to connect it.</summary>
    private async Task<HubConnection?> ConnectionOfAsync(string hub, Caller caller, Scene scene)
    {
        var isAgentHub = hub == ChatExtensions.AgentHubPath;
        switch (caller)
        {
            case Caller.Customer when !isAgentHub:
                return scene.Customer;
            case Caller.OtherCustomer when !isAgentHub:
                return fixture.OtherCustomer;
            case not (Caller.Anonymous or Caller.Customer or Caller.OtherCustomer) when isAgentHub:
                return fixture.AgentConnection(caller);
        }

        try
        {
            // Connected although it should not have: the matrix then reports the method's own answer.
            return await fixture.Server.ConnectAsync(hub, fixture.TokenOf(caller, scene));
        }
        catch (Exception e) when (e is HttpRequestException or System.Net.WebSockets.WebSocketException)
        {
            return null;
        }
    }
}

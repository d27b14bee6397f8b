using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Http;

/// <summary>docs/security.md#behind-a-tls-proxy: security headers, HSTS, forwarded headers, widget origins on WebSockets.</summary>
public sealed class HttpHardeningTests
{
    private const string ClientPath = "/test/client";

    [Theory]
    [InlineData("/console/")]
    [InlineData("/")]
    [InlineData("/demo/widget.html")]
    public async Task EveryPage_HasAContentSecurityPolicy_ThatForbidsFramingAndInlineScriptsOfOthers(string path)
    {
        await using var server = HubServer.Start();

        var csp = Header(await server.Http.GetAsync(path), "Content-Security-Policy");

        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/console/")]
    [InlineData("/demo/widget.html")]
    [InlineData("/widget.js")]
    [InlineData("/api/availability")]
    [InlineData("/no-such-page")]
    public async Task EveryResponse_CarriesNosniff_NoFraming_AndNoReferrer(string path)
    {
        await using var server = HubServer.Start();

        var response = await server.Http.GetAsync(path);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task TheConsole_MayReachTwilioVoice_AndRunsOnlyItsOwnScripts()
    {
        await using var server = HubServer.Start();

        var console = Header(await server.Http.GetAsync("/console/"), "Content-Security-Policy");
        var demo = Header(await server.Http.GetAsync("/demo/widget.html"), "Content-Security-Policy");

        Assert.Contains("script-src 'self';", console, StringComparison.Ordinal);
        Assert.Contains("wss://*.twilio.com", console, StringComparison.Ordinal);
        Assert.Contains("'sha256-", demo, StringComparison.Ordinal); // its inline script, by hash
        Assert.DoesNotContain("twilio", demo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hsts_IsSentOverTls_AsAKnownProxyReportsIt_OutsideDevelopment()
    {
        var proxy = new Dictionary<string, string?> { ["Hub:Proxy:KnownProxies:0"] = "127.0.0.1" };
        await using var production = HubServer.Start(environment: "Production", settings: proxy);
        await using var unknownProxy = HubServer.Start(environment: "Production");
        await using var development = HubServer.Start(environment: "Development", settings: proxy);

        Assert.True((await GetAsync(production, "/health", proto: "https")).Headers.Contains("Strict-Transport-Security"));
        Assert.False((await GetAsync(production, "/health")).Headers.Contains("Strict-Transport-Security"));
        Assert.False((await GetAsync(unknownProxy, "/health", proto: "https")).Headers.Contains("Strict-Transport-Security"));
        Assert.False((await GetAsync(development, "/health", proto: "https")).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task TheClientAddress_IsTakenFromXForwardedFor_OnlyFromAConfiguredProxy()
    {
        await using var none = HubServer.Start(services: EchoClient);
        await using var loopbackProxy = HubServer.Start(settings: new Dictionary<string, string?> { ["Hub:Proxy:KnownProxies:0"] = "127.0.0.1" }, services: EchoClient);
        await using var otherProxy = HubServer.Start(settings: new Dictionary<string, string?> { ["Hub:Proxy:KnownNetworks:0"] = "10.0.0.0/8" }, services: EchoClient);

        Assert.Equal("127.0.0.1 http", await ClientOfAsync(none));
        Assert.Equal("203.0.113.7 https", await ClientOfAsync(loopbackProxy));
        Assert.Equal("127.0.0.1 http", await ClientOfAsync(otherProxy));
    }

    [Fact]
    public async Task AWebSocketToTheCustomerHub_FromAForeignOrigin_IsRefused_AndFromAnAllowedOneWorks()
    {
        await using var server = HubServer.Start(settings: new Dictionary<string, string?> { ["Hub:Widget:AllowedOrigins:0"] = "https://shop.example" });
        var visitor = await server.CreateVisitorAsync();
        var url = new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = "/hubs/customer", Query = $"access_token={visitor.Token}" }.Uri;

        using var foreign = new ClientWebSocket();
        foreign.Options.SetRequestHeader("Origin", "https://evil.example");
        foreign.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(HubServer.Timeout);
        await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(url, timeout.Token));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.HttpStatusCode);

        using var allowed = new ClientWebSocket();
        allowed.Options.SetRequestHeader("Origin", "https://shop.example");
        await allowed.ConnectAsync(url, timeout.Token);
        Assert.Equal(WebSocketState.Open, allowed.State);
        await allowed.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"No {name} header on {response.RequestMessage?.RequestUri}");

    private static async Task<HttpResponseMessage> GetAsync(HubServer server, string path, string? proto = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "hub.example.com"; // HSTS is never sent to localhost
        if (proto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", proto);
        }

        return await server.Http.SendAsync(request);
    }

    private static async Task<string> ClientOfAsync(HubServer server)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ClientPath);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await server.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A test endpoint at the end of Hub's pipeline that answers the client address and scheme Hub sees.</summary>
    private static void EchoClient(IServiceCollection services) => services.AddSingleton<IStartupFilter>(new EchoClientFilter());

    private sealed class EchoClientFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path == ClientPath
                ? context.Response.WriteAsync($"{context.Connection.RemoteIpAddress} {context.Request.Scheme}")
                : Task.CompletedTask);
        };
    }
}

using System.Net;
using System.Net.Http.Json;
using SupportHub.Server.Features.Routing;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.WidgetHosting;

public sealed class WidgetHostingTests
{
    [Fact]
    public async Task AShopOnAnotherOrigin_MayGetAVisitorToken()
    {
        await using var server = HubServer.Start();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/visitors");
        preflight.Headers.Add("Origin", "https://shop.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        var answer = await server.Http.SendAsync(preflight);

        Assert.True(answer.IsSuccessStatusCode, answer.StatusCode.ToString());
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", answer.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyConfiguredOrigins_AreAllowed_WhenAListIsSet()
    {
        await using var server = HubServer.Start(settings: new Dictionary<string, string?> { ["Hub:Widget:AllowedOrigins:0"] = "https://shop.example.com" });

        async Task<bool> Allowed(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, "/api/visitors");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            return (await server.Http.SendAsync(request)).Headers.Contains("Access-Control-Allow-Origin");
        }

        Assert.True(await Allowed("https://shop.example.com"));
        Assert.False(await Allowed("https://evil.example.net"));
    }

    [Fact]
    public async Task TheBundle_IsServedCompressedAndCacheable()
    {
        await using var server = HubServer.Start();
        using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None };
        using var raw = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/widget.js");
        request.Headers.Add("Accept-Encoding", "gzip");

        var response = await raw.SendAsync(request);
        var compressed = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        Assert.Contains("max-age=300", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.True(compressed.Length < 60 * 1024, $"{compressed.Length} bytes on the wire");
    }

    [Fact]
    public async Task Availability_TellsTheWidgetWhetherAnyoneCanAnswer_BeforeTheFirstMessage()
    {
        await using var server = HubServer.Start();

        var nobody = await server.Http.GetFromJsonAsync<Availability>("/api/availability", HubServer.Json);
        var agent = await server.ConnectAgentAsync((await server.CreateAgentAsync("Ada", [1])).Token);
        await agent.SetPresenceAsync(PresenceStatus.Available);
        var someone = await server.Http.GetFromJsonAsync<Availability>("/api/availability", HubServer.Json);

        Assert.Equal(new Availability(false, RoutingAvailability.NobodyOnline), nobody);
        Assert.Equal(new Availability(true, null), someone);
    }
}

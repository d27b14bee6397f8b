using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportHub.Server.Features.Errors;
using SupportHub.Server.Infrastructure.Validation;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Errors;

/// <summary>
/// The two edges of the one use-case error. No HTTP endpoint of the server refuses with it today
/// (the hubs do: ValidationTests and AuthorizationTests pin their "code: detail" end to end), so the
/// endpoint filter is tested through the smallest real route: a group set up as the server's are
/// (<c>WithValidation</c>), with the server's problem details and exception handler, on Kestrel; the
/// hub filter through a hub registered as the server's are. Refusals must not be logged as errors.
/// </summary>
public sealed class UseCaseErrorMappingTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentQueue<LogEntry> logs = new();
    private WebApplication? app;
    private Uri? baseAddress;

    [Theory]
    [InlineData(HubErrors.NotFound, HttpStatusCode.NotFound, "Not found", "https://tools.ietf.org/html/rfc9110#section-15.5.5")]
    [InlineData(HubErrors.Forbidden, HttpStatusCode.Forbidden, "Forbidden", "https://tools.ietf.org/html/rfc9110#section-15.5.4")]
    [InlineData(HubErrors.Conflict, HttpStatusCode.Conflict, "Conflict", "https://tools.ietf.org/html/rfc9110#section-15.5.10")]
    [InlineData(HubErrors.Closed, HttpStatusCode.Conflict, "Conversation closed", "https://tools.ietf.org/html/rfc9110#section-15.5.10")]
    [InlineData(HubErrors.ValidationFailed, HttpStatusCode.BadRequest, "Validation failed", "https://tools.ietf.org/html/rfc9110#section-15.5.1")]
    public async Task UseCaseError_OverHttp_IsProblemDetailsWithItsStatusAndCode(string code, HttpStatusCode status, string title, string type)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        var response = await http.GetAsync(new Uri($"/refusals/{code}", UriKind.Relative)).WaitAsync(Timeout);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(Timeout);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(type, problem.GetProperty("type").GetString());
        Assert.Equal($"Refused with {code}.", problem.GetProperty("detail").GetString());
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(HubErrors.ValidationFailed, HttpStatusCode.BadRequest)]
    [InlineData(HubErrors.NotFound, HttpStatusCode.NotFound)]
    [InlineData(HubErrors.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData(HubErrors.Conflict, HttpStatusCode.Conflict)]
    public async Task UseCaseError_OverHttp_IsNotLoggedAsAnError(string code, HttpStatusCode status)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        var response = await http.GetAsync(new Uri($"/refusals/{code}", UriKind.Relative)).WaitAsync(Timeout);
        var fault = await http.GetAsync(new Uri("/fault", UriKind.Relative)).WaitAsync(Timeout);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, fault.StatusCode);
        // The fault proves errors are captured here; the refusal left none.
        var error = Assert.Single(logs, l => l.IsError);
        Assert.Contains("a real fault", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseCaseError_OnAHub_IsCodeColonDetail_AndOnlyAFaultIsLoggedAsAnError()
    {
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(baseAddress!, "/hubs/refusing")).Build();
        await connection.StartAsync().WaitAsync(Timeout);

        var refusal = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(nameof(RefusingHub.Refuse)).WaitAsync(Timeout));
        var fault = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(nameof(RefusingHub.Fail)).WaitAsync(Timeout));

        Assert.Equal("conflict: Refused on the hub.", HubError.Of(refusal));
        Assert.DoesNotContain("a hub fault", fault.Message, StringComparison.Ordinal);
        var error = Assert.Single(logs, l => l.IsError);
        Assert.Contains($"{nameof(RefusingHub)}.{nameof(RefusingHub.Fail)} failed a hub fault", error.Message, StringComparison.Ordinal);
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders().AddProvider(new CollectingLoggerProvider(logs));
        builder.Services.AddProblemDetails();
        builder.AddHubValidation();
        builder.Services.AddSignalR(o => o.AddFilter<ValidationHubFilter>());
        app = builder.Build();
        app.UseExceptionHandler();
        app.MapGroup("/refusals").WithValidation()
            .MapGet("/{code}", string (string code) => throw HubErrors.Create(code, $"Refused with {code}."));
        app.MapGroup("/fault").WithValidation()
            .MapGet("/", string () => throw new InvalidOperationException("a real fault"));
        app.MapHub<RefusingHub>("/hubs/refusing");
        await app.StartAsync();
        baseAddress = new Uri(app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    private sealed class RefusingHub : Hub
    {
        public Task Refuse() => throw HubErrors.Create(HubErrors.Conflict, "Refused on the hub.");

        public Task Fail() => throw new InvalidOperationException("a hub fault");
    }
}

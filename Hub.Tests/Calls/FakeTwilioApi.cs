using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportHub.Tests.Calls;

/// <summary>
/// Twilio's REST API as far as Hub uses it, on 127.0.0.1: records every request and answers a call
/// update with the JSON of a Call resource, a new conference participant with a Participant (201),
/// and a participant's removal with 204, as Twilio does. <see cref="Mode"/> makes it fail (500 with
/// Twilio's error body) or hang (no answer until the client gives up) instead.
/// </summary>
public sealed class FakeTwilioApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();

    private FakeTwilioApi(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>How the fake answers from now on.</summary>
    public FakeMode Mode { get; set; } = FakeMode.Answer;

    /// <summary>Requests that arrived while the fake failed or hung (recorded, but not carried out).</summary>
    public ConcurrentQueue<RecordedRequest> Refused { get; } = new();

    public static async Task<FakeTwilioApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeTwilioApi? fake = null;
        app.Use(async (context, next) =>
        {
            if (fake!.Mode == FakeMode.Answer)
            {
                await next(context);
                return;
            }

            fake.Refused.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path.Value!, context.Request.Headers.Authorization.ToString(), new Dictionary<string, string>()));
            if (fake.Mode == FakeMode.Hang)
            {
                using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, fake.stopping.Token);
                await Task.Delay(Timeout.InfiniteTimeSpan, both.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new { code = 20500, message = "Internal Server Error", more_info = "https://www.twilio.com/docs/errors/20500", status = 500 });
        });
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Calls/{callFile}", async (string accountSid, string callFile, HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            fake!.Requests.Enqueue(new RecordedRequest(
                request.Method, request.Path.Value!, request.Headers.Authorization.ToString(), form.ToDictionary(f => f.Key, f => f.Value.ToString())));
            var callSid = callFile.EndsWith(".json", StringComparison.Ordinal) ? callFile[..^5] : callFile;
            return Results.Json(new Dictionary<string, object?>
            {
                ["sid"] = callSid,
                ["account_sid"] = accountSid,
                ["status"] = "in-progress",
                ["direction"] = "inbound",
                ["api_version"] = "2010-04-01",
                ["uri"] = $"/2010-04-01/Accounts/{accountSid}/Calls/{callSid}.json",
            });
        });
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Conferences/{conference}/Participants.json", async (string accountSid, string conference, HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            fake!.Requests.Enqueue(new RecordedRequest(
                request.Method, request.Path.Value!, request.Headers.Authorization.ToString(), form.ToDictionary(f => f.Key, f => f.Value.ToString())));
            var callSid = "CA" + Guid.NewGuid().ToString("N");
            return Results.Json(new Dictionary<string, object?>
            {
                ["account_sid"] = accountSid,
                ["call_sid"] = callSid,
                ["conference_sid"] = "CF" + Guid.NewGuid().ToString("N"),
                ["label"] = form["Label"].ToString(),
                ["status"] = "queued",
                ["muted"] = false,
                ["hold"] = false,
                ["uri"] = $"/2010-04-01/Accounts/{accountSid}/Conferences/{conference}/Participants/{callSid}.json",
            }, statusCode: StatusCodes.Status201Created);
        });
        app.MapDelete("/2010-04-01/Accounts/{accountSid}/Conferences/{conference}/Participants/{participant}", (HttpRequest request) =>
        {
            fake!.Requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value!, request.Headers.Authorization.ToString(), new Dictionary<string, string>()));
            return Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeTwilioApi(app, new Uri(address));
        return fake;
    }

    public async Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> match)
    {
        var deadline = DateTime.UtcNow + TestHost.HubServer.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Requests.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The fake Twilio API saw no matching request.");
    }

    public async Task<RecordedRequest> WaitForRefusedAsync(Func<RecordedRequest, bool> match)
    {
        var deadline = DateTime.UtcNow + TestHost.HubServer.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Refused.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The fake Twilio API refused no matching request.");
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        stopping.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public enum FakeMode
    {
        Answer,
        Fail,
        Hang,
    }

    public sealed record RecordedRequest(string Method, string Path, string Authorization, IReadOnlyDictionary<string, string> Form);
}

using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// The HTTP client behind Twilio's SDK: requests go to <c>Hub:Twilio:ApiBaseUrl</c>, each one gives up
/// after <c>Hub:Twilio:RestTimeout</c> (retries included), only idempotent requests (GET, DELETE) are
/// retried, with backoff, and a circuit breaker answers at once while Twilio keeps failing. No hub
/// call therefore waits on Twilio longer than the timeout.
/// </summary>
internal static class TwilioRest
{
    public const string ClientName = "twilio";

    private const string TwilioApi = "https://api.twilio.com";

    public static IServiceCollection AddTwilioRest(this IServiceCollection services)
    {
        services.AddTransient<ApiBaseRewriter>();
        services.AddHttpClient(ClientName)
            .AddHttpMessageHandler<ApiBaseRewriter>()
            .AddStandardResilienceHandler()
            .Configure((resilience, sp) =>
            {
                var timeout = sp.GetRequiredService<IOptions<TwilioOptions>>().Value.RestTimeout;
                resilience.TotalRequestTimeout.Timeout = timeout;
                resilience.AttemptTimeout.Timeout = timeout;
                resilience.Retry.MaxRetryAttempts = 2;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
                resilience.Retry.BackoffType = DelayBackoffType.Exponential;
                resilience.Retry.DisableForUnsafeHttpMethods(); // a POST that timed out may have been carried out
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
                resilience.CircuitBreaker.MinimumThroughput = 5;
                resilience.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(10);
            });

        // Transient: each use gets a client from the factory, so handlers are renewed as the factory intends.
        services.AddTransient<ITwilioRestClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TwilioOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
            return new TwilioRestClient(options.AccountSid, options.AuthToken, httpClient: new SystemNetHttpClient(http));
        });
        return services;
    }

    /// <summary>
    /// True for what a REST request to Twilio fails with: an error answer or no answer in time (the SDK
    /// wraps both in a <see cref="TwilioException"/>), or the circuit breaker refusing at once.
    /// </summary>
    public static bool IsFailure(Exception e) => e is TwilioException or HttpRequestException or ExecutionRejectedException or TimeoutException or TaskCanceledException;

    /// <summary>A short reason for the transcript and the agent: Twilio's own message names api.twilio.com, not the configured address.</summary>
    public static string Reason(Exception e)
    {
        var chain = Chain(e).ToList();
        return chain.OfType<ApiException>().FirstOrDefault() is { } api ? $"Twilio answered {api.Status}"
            : chain.Any(x => x is Polly.CircuitBreaker.BrokenCircuitException) ? "Twilio failed repeatedly, so Hub pauses its requests for a few seconds"
            : chain.Any(x => x is Polly.Timeout.TimeoutRejectedException or TimeoutException or OperationCanceledException) ? "no answer in time"
            : chain.Any(x => x is HttpRequestException) ? "Twilio could not be reached"
            : "Twilio did not take the request";
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (var (x, depth) = (e, 0); x is not null && depth < 8; (x, depth) = (x.InnerException!, depth + 1))
        {
            yield return x;
        }
    }

    /// <summary>Sends the SDK's requests for https://api.twilio.com to <c>Hub:Twilio:ApiBaseUrl</c> (a fake in tests).</summary>
    private sealed class ApiBaseRewriter(IOptions<TwilioOptions> options) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var apiBase = new Uri(options.Value.ApiBaseUrl);
            if (request.RequestUri is { } uri && uri.GetLeftPart(UriPartial.Authority).Equals(TwilioApi, StringComparison.OrdinalIgnoreCase)
                && !apiBase.GetLeftPart(UriPartial.Authority).Equals(TwilioApi, StringComparison.OrdinalIgnoreCase))
            {
                request.RequestUri = new Uri(apiBase, uri.PathAndQuery);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

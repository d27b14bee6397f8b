using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Chat;
using Twilio.Clients;
using Twilio.Http;

namespace SupportHub.Server.Features.Calls;

public static class CallsExtensions
{
    private const string TwilioApi = "https://api.twilio.com";

    public static IHostApplicationBuilder AddCalls(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TwilioOptions>, Routing.FluentValidateOptions<TwilioOptions>>();
        builder.Services.AddSingleton<CallTwiml>();
        builder.Services.AddSingleton<StartCall>();
        builder.Services.AddSingleton<CallQueuePosition>();
        builder.Services.AddSingleton<CallFollowUp>();
        builder.Services.AddSingleton<EndCall>();
        builder.Services.AddSingleton<CallTranscript>();
        builder.Services.AddSingleton<LiveTranscription>();
        builder.Services.AddSingleton<ICallBridge, TwilioCallBridge>();
        builder.Services.AddSingleton<WarmTransfer>();
        builder.Services.AddSingleton<IChannelHook, CallChannelHook>();
        builder.Services.Replace(ServiceDescriptor.Singleton<ICallControls, CallControls>());
        builder.Services.AddSingleton<ITwilioRestClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TwilioOptions>>().Value;
            var handler = new ApiBaseRewriter(new Uri(options.ApiBaseUrl)) { InnerHandler = new HttpClientHandler() };
            var http = new System.Net.Http.HttpClient(handler);
            return new TwilioRestClient(options.AccountSid, options.AuthToken, httpClient: new SystemNetHttpClient(http));
        });
        return builder;
    }

    /// <summary>Sends the SDK's requests for https://api.twilio.com to <c>Hub:Twilio:ApiBaseUrl</c> (a fake in tests).</summary>
    private sealed class ApiBaseRewriter(Uri apiBase) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { } uri && uri.GetLeftPart(UriPartial.Authority).Equals(TwilioApi, StringComparison.OrdinalIgnoreCase)
                && !apiBase.GetLeftPart(UriPartial.Authority).Equals(TwilioApi, StringComparison.OrdinalIgnoreCase))
            {
                request.RequestUri = new Uri(apiBase, uri.PathAndQuery);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

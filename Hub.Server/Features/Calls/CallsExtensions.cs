using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Calls;

public static class CallsExtensions
{
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
        builder.Services.AddSingleton<CallConnector>();
        builder.Services.AddSingleton<IChannelHook, CallChannelHook>();
        builder.Services.Replace(ServiceDescriptor.Singleton<ICallControls, CallControls>());
        builder.Services.AddTwilioRest();
        return builder;
    }
}

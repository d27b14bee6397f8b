using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportHub.Server.Infrastructure.Validation;

namespace SupportHub.Server.Features.Chat;

public static class ChatExtensions
{
    public const string CustomerHubPath = "/hubs/customer";
    public const string AgentHubPath = "/hubs/agent";

    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ChatNotifier>();
        builder.Services.AddSingleton<ConversationMessages>();
        builder.Services.AddSingleton<ConversationReader>();
        builder.Services.AddSingleton<StartConversation>();
        builder.Services.AddSingleton<TakeConversation>();
        builder.Services.AddSingleton<CloseConversation>();
        builder.Services.AddSingleton<ReopenConversation>();
        builder.Services.AddSingleton<RateConversation>();
        builder.Services.AddSingleton<ChannelHooks>();
        builder.Services.TryAddSingleton<ICallControls, NoCallControls>(); // the calls feature, when added, replaces it
        builder.Services.AddSingleton<Tickets.TicketDesk>();
        builder.Services.AddScoped<ConversationLookup>();
        // A delegate rather than a FluentValidation validator: one rule between two fields.
        builder.Services.AddOptions<ChatConnectionOptions>().BindConfiguration(ChatConnectionOptions.SectionName)
            .Validate(o => o.IsValid, ChatConnectionOptions.ValidationMessage).ValidateOnStart();
        builder.Services.AddOptions<HubOptions>().Configure<IOptions<ChatConnectionOptions>>((hub, connection) =>
        {
            hub.ClientTimeoutInterval = connection.Value.ClientTimeout;
            hub.KeepAliveInterval = connection.Value.KeepAliveInterval;
        });
        builder.Services
            .AddSignalR(options =>
            {
                options.AddFilter<ValidationHubFilter>();
                options.MaximumReceiveMessageSize = ChatLimits.MaxFrameBytes;
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }

    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder app)
    {
        app.MapHub<CustomerHub>(CustomerHubPath).RequireCors(WidgetHosting.WidgetHostingExtensions.CorsPolicy);
        app.MapHub<AgentHub>(AgentHubPath);
        return app;
    }
}

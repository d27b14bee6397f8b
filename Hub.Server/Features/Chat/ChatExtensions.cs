using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
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
        builder.Services.AddSingleton<SilentClientWatch>();
        builder.Services.AddSingleton<VisitorStartLimit>();
        builder.Services.AddSingleton<QueueView>();
        builder.Services.AddSingleton<HubRateLimitFilter>();
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
                options.AddFilter<HubRateLimitFilter>(); // after validation: only valid calls count
                options.MaximumReceiveMessageSize = ChatLimits.MaxFrameBytes;
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .AddHubOptions<AgentHub>(options => options.AddFilter<AgentSessionFilter>());
        builder.Services.AddSingleton<AgentConnections>();
        builder.Services.AddSingleton<Agents.ISessionsEndedListener>(services => services.GetRequiredService<AgentConnections>());
        builder.Services.AddSingleton<AgentSessionFilter>();
        return builder;
    }

    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder app)
    {
        app.MapWatchedHub<CustomerHub>(CustomerHubPath).RequireCors(WidgetHosting.WidgetHostingExtensions.CorsPolicy);
        app.MapWatchedHub<AgentHub>(AgentHubPath);
        return app;
    }

    /// <summary>
    /// What <c>MapHub</c> does (the hub's attributes, such as <c>[Authorize]</c>, and its
    /// <see cref="HubMetadata"/> on both the negotiate and the connect endpoint), with
    /// <see cref="SilentClientWatch"/> in front of the hub, which <c>MapHub</c> has no place for.
    /// </summary>
    private static ConnectionEndpointRouteBuilder MapWatchedHub<THub>(this IEndpointRouteBuilder app, string path)
        where THub : Hub
    {
        var watch = app.ServiceProvider.GetRequiredService<SilentClientWatch>();
        // Closes the connection when its token expires (a check about once a second by the connection manager).
        var options = new HttpConnectionDispatcherOptions { CloseOnAuthenticationExpiration = true };
        var endpoints = app.MapConnections(path, options, connection => connection.Use(watch.InFrontOf).UseHub<THub>());
        var attributes = typeof(THub).GetCustomAttributes(inherit: true);
        endpoints.Add(endpoint =>
        {
            foreach (var attribute in attributes)
            {
                endpoint.Metadata.Add(attribute);
            }

            endpoint.Metadata.Add(new HubMetadata(typeof(THub)));
        });
        return endpoints;
    }
}

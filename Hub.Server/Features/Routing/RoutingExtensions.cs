using FluentValidation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportHub.Server.Infrastructure.InProcess;

namespace SupportHub.Server.Features.Routing;

public static class RoutingExtensions
{
    /// <summary>
    /// The router, presence and hand-offs. The routing state is in-process unless an adapter (Redis)
    /// was registered before; the options are validated at start-up, naming the bad field.
    /// </summary>
    public static IHostApplicationBuilder AddRouting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RoutingOptions>, FluentValidateOptions<RoutingOptions>>();
        builder.Services.TryAddSingleton<IRoutingState, InProcessRoutingState>();
        builder.Services.TryAddSingleton<Infrastructure.Locks.IDistributedLock, Infrastructure.Locks.InProcessLock>();
        builder.Services.AddSingleton<RoutingTrigger>();
        builder.Services.AddSingleton<RoutingGateway>();
        builder.Services.AddSingleton<RoutingEngine>();
        builder.Services.AddSingleton<IRoutingNotifier, RoutingNotifier>();
        builder.Services.AddSingleton<Escalate>();
        builder.Services.AddSingleton<Transfer>();
        builder.Services.AddSingleton<Reassign>();
        builder.Services.AddSingleton<MoveWaitingToLevel>();
        builder.Services.AddSingleton<RequeueFromLostAgent>();
        builder.Services.AddSingleton<LeaveMessage>();
        builder.Services.AddSingleton<PresenceService>();
        builder.Services.AddSingleton<Agents.IAgentDisabledHook, DisabledAgentOffline>();
        builder.Services.AddHostedService<RoutingRecovery>();
        builder.Services.AddHostedService<RoutingWorker>();
        builder.Services.AddSingleton<LoadReconciler>();
        builder.Services.AddSingleton<QueueReconciler>();
        builder.Services.AddHostedService<LoadReconcileWorker>();
        return builder;
    }
}

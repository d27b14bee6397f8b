using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace SupportHub.Server.Infrastructure.Limits;

/// <summary>Abuse limits (docs/security.md#limits): ASP.NET Core rate limiting, sign-in throttling, hub limits, body sizes.</summary>
public static class LimitsExtensions
{
    public const string VisitorsPolicy = "visitors-per-address";

    public static IHostApplicationBuilder AddLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<LimitsOptions>>(
            (kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.RequestBodyBytes);
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitsOptions>>((rate, limits) =>
        {
            var visitors = limits.Value.VisitorsPerAddress;
            rate.AddPolicy(VisitorsPolicy, context => RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => visitors.ToLimiterOptions()));
            rate.OnRejected = async (rejected, ct) =>
            {
                var wait = RetryHint.Seconds(rejected.Lease, visitors.Window);
                await TooManyRequests.Result(rejected.HttpContext, wait, $"Too many new visitors from this address: try again in {wait} s.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        return builder;
    }

    public static IApplicationBuilder UseLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    /// <summary>Sign-in: counted failures per address and per account (<paramref name="account"/> names it), and a small body.</summary>
    public static RouteHandlerBuilder WithSignInLimits<TRequest>(this RouteHandlerBuilder endpoint, Func<TRequest, string?> account) =>
        endpoint.AddEndpointFilterFactory((factory, next) =>
        {
            var filter = new SignInLimitFilter<TRequest>(factory.ApplicationServices.GetRequiredService<SignInThrottle>(), account);
            return context => filter.InvokeAsync(context, next);
        }).WithAnonymousBodyLimit();

    /// <summary>New visitors per client address, and a small body.</summary>
    public static RouteHandlerBuilder WithVisitorLimits(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireRateLimiting(VisitorsPolicy).WithAnonymousBodyLimit();

    private static RouteHandlerBuilder WithAnonymousBodyLimit(this RouteHandlerBuilder endpoint)
    {
        endpoint.Add(e =>
        {
            var limits = e.ApplicationServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
            e.Metadata.Add(new RequestBodyLimit(limits.AnonymousRequestBodyBytes));
        });
        return endpoint;
    }
}

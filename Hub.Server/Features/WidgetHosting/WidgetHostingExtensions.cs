using System.Globalization;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace SupportHub.Server.Features.WidgetHosting;

/// <summary>
/// Serving the widget to other sites: CORS for the customer's endpoints (the page that embeds the
/// widget is on another origin), compression and caching for the bundle.
/// </summary>
public static class WidgetHostingExtensions
{
    public const string CorsPolicy = "widget";

    public static IHostApplicationBuilder AddWidgetHosting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WidgetHostingOptions>().BindConfiguration(WidgetHostingOptions.SectionName);
        builder.Services.AddSingleton<WidgetOrigins>();
        var origins = builder.Configuration.GetSection($"{WidgetHostingOptions.SectionName}:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy =>
        {
            // No credentials: the widget sends its visitor token itself, so any origin can be allowed safely.
            policy = origins.Length == 0 || origins.Contains("*") ? policy.AllowAnyOrigin() : policy.WithOrigins(origins);
            policy.AllowAnyHeader().WithMethods("GET", "POST");
        }));
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        return builder;
    }

    /// <summary>Compression and cache headers for static files; call before UseStaticFiles.</summary>
    public static IApplicationBuilder UseWidgetHosting(this IApplicationBuilder app)
    {
        app.UseResponseCompression();
        app.UseCors();
        app.UseFrontPage();
        var origins = app.ApplicationServices.GetRequiredService<WidgetOrigins>();
        app.Use((context, next) => origins.CheckUpgradeAsync(context, () => next(context)));
        return app;
    }

    public static StaticFileOptions StaticFiles(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<WidgetHostingOptions>>().Value;
        return new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                if (context.File.Name is "widget.js")
                {
                    context.Context.Response.Headers.CacheControl =
                        "public, max-age=" + ((int)options.BundleCacheDuration.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                    context.Context.Response.Headers.AccessControlAllowOrigin = "*";
                }
            },
        };
    }
}

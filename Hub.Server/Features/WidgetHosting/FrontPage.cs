namespace SupportHub.Server.Features.WidgetHosting;

/// <summary>
/// What <c>/</c> serves: in Development the demo page (customer and agent side by side, a demo login
/// filled in); in every other environment a plain landing page that carries no credentials and links
/// to the console. <c>/index.html</c> asked for directly gets the same.
/// </summary>
internal static class FrontPage
{
    public const string LandingPage = "/landing.html";

    public static IApplicationBuilder UseFrontPage(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            return app;
        }

        return app.Use((context, next) =>
        {
            if (context.Request.Path.Value is "/" or "/index.html")
            {
                context.Request.Path = LandingPage;
            }

            return next(context);
        });
    }
}

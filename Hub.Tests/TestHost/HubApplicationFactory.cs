using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace SupportHub.Tests.TestHost;

/// <summary>The real Hub.Server on Kestrel, on a free loopback port.</summary>
/// <param name="services">Replaces services after the server's own registrations (test hooks); null for none.</param>
internal sealed class HubApplicationFactory(
    IReadOnlyDictionary<string, string?> settings, string environment, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public void StartOnLoopback()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
    }
}

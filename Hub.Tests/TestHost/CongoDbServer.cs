using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SupportHub.Tests.TestHost;

/// <summary>
/// CongoDB, the MongoDB wire-protocol stand-in in infra/congodb (see its README), on a free loopback
/// port, shared by every test of the run: installed with <c>npm ci</c> when its packages are missing,
/// started on first use, stopped when the test process exits (or, if that dies, when its standard
/// input closes). The stand-in is not MongoDB; <see cref="MongoTestServer"/> prefers a real one.
/// </summary>
public sealed class CongoDbServer : IDisposable
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private static readonly Lazy<Task<CongoDbServer>> Shared = new(StartSharedAsync);

    private readonly Process process;

    private CongoDbServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public static string Folder => RepoPaths.Combine("infra", "congodb");

    public int Port { get; }

    public string ConnectionString => $"mongodb://127.0.0.1:{Port}/?directConnection=true";

    /// <summary>The run's server; the first caller installs and starts it. Throws <see cref="CongoDbUnavailableException"/> when it cannot be had.</summary>
    public static Task<CongoDbServer> SharedAsync() => Shared.Value;

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Gone already.
        }

        process.Dispose();
    }

    private static async Task<CongoDbServer> StartSharedAsync()
    {
        var node = LocalServices.FindOnPath("node") ?? throw new CongoDbUnavailableException("node is not on PATH");
        await InstallAsync(node);

        // A free port can be taken by someone else before the server binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var server = await LaunchAsync(node, LocalServices.FreeLoopbackPort());
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
                return server;
            }
            catch (CongoDbUnavailableException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>npm ci when node_modules is missing or older than the lock file; it also fetches CongoDB (postinstall).</summary>
    private static async Task InstallAsync(string node)
    {
        var installed = Path.Combine(Folder, "node_modules", ".package-lock.json");
        var locked = Path.Combine(Folder, "package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(locked))
        {
            // Packages are current; fetching CongoDB is a no-op when the pinned version is in vendor/ already.
            await RunAsync(node, ["fetch-congodb.mjs"], "node fetch-congodb.mjs");
            return;
        }

        var npm = LocalServices.FindOnPath("npm") ?? throw new CongoDbUnavailableException("npm is not on PATH, and infra/congodb is not installed");
        await RunAsync(npm, ["ci", "--no-audit", "--no-fund"], "npm ci in infra/congodb");
    }

    private static async Task RunAsync(string executable, string[] arguments, string what)
    {
        var start = new ProcessStartInfo(executable) { WorkingDirectory = Folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(InstallTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new CongoDbUnavailableException($"{what} did not finish within {InstallTimeout}");
        }

        if (process.ExitCode != 0)
        {
            throw new CongoDbUnavailableException($"{what} exited with {process.ExitCode}: {await output}{await error}".Trim());
        }
    }

    private static async Task<CongoDbServer> LaunchAsync(string node, int port)
    {
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = Folder,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "server.mjs", "--port", port.ToString(), "--host", "127.0.0.1", "--exit-with-stdin" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("congodb ready", StringComparison.Ordinal))
                {
                    // Keep draining stdout so the server never blocks on a full pipe.
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return new CongoDbServer(process, port);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None);
        lock (errors)
        {
            throw new CongoDbUnavailableException($"infra/congodb/server.mjs did not report ready on port {port} within {StartTimeout}: {errors}".Trim());
        }
    }
}

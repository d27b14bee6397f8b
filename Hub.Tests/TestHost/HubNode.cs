using System.Diagnostics;
using System.Net;

namespace SupportHub.Tests.TestHost;

/// <summary>
/// One Hub.Server as a process of its own, the way a node runs in production: <c>dotnet Hub.Server.dll</c>
/// (the build next to the test assembly), the content root in <c>Hub.Server/</c> as with
/// <c>dotnet run</c>, configuration from environment variables, Kestrel on a free loopback port.
/// Its standard output and error go to <see cref="LogFile"/>. <see cref="Kill"/> ends it as
/// <c>kill -9</c> does; disposing kills it too and removes its data folder.
/// </summary>
public sealed class HubNode : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(40);

    /// <summary>One line per entry with a timestamp; the node's own logs at information, the framework's at warning.</summary>
    private static readonly Dictionary<string, string?> LogSettings = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft"] = "Warning",
        ["Logging:Console:FormatterName"] = "simple",
        ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
    };

    private readonly Process process;
    private readonly string dataPath;
    private readonly Lock logGate = new();
    private readonly EventHandler killOnExit;

    private HubNode(string name, Process process, Uri baseAddress, string dataPath)
    {
        Name = name;
        this.process = process;
        this.dataPath = dataPath;
        Clients = new HubClients(baseAddress);
        killOnExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += killOnExit;
    }

    public string Name { get; }

    public HubClients Clients { get; }

    public Uri BaseAddress => Clients.BaseAddress;

    public HttpClient Http => Clients.Http;

    public string LogFile => Path.Combine(dataPath, "node.log");

    public bool HasExited => process.HasExited;

    /// <summary>The built server: Hub.Tests references Hub.Server, so the build copies it (with its runtimeconfig and deps files) next to the tests.</summary>
    public static string ServerAssembly { get; } = Path.Combine(AppContext.BaseDirectory, "Hub.Server.dll");

    /// <param name="settings">Configuration keys as in appsettings (<c>Hub:Routing:SweepInterval</c>), passed as environment variables.</param>
    public static async Task<HubNode> StartAsync(string name, IReadOnlyDictionary<string, string?> settings, string environment = "Testing")
    {
        var runtimeConfig = Path.ChangeExtension(ServerAssembly, ".runtimeconfig.json");
        if (!File.Exists(ServerAssembly) || !File.Exists(runtimeConfig))
        {
            throw new InvalidOperationException($"{ServerAssembly} or its runtimeconfig is missing: build Hub.sln first (Hub.Tests references Hub.Server).");
        }

        // A free port can be taken by someone else before the server binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var dataPath = HubServer.NewDataPath();
            Directory.CreateDirectory(dataPath);
            var node = Launch(name, settings, environment, dataPath, LocalServices.FreeLoopbackPort());
            try
            {
                await node.WaitUntilHealthyAsync();
                return node;
            }
            catch (InvalidOperationException) when (attempt < 3 && node.ReadLog().Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await node.DisposeAsync();
            }
            catch
            {
                await node.DisposeAsync(); // the exception carries the log
                throw;
            }
        }
    }

    /// <summary>SIGKILL: no graceful shutdown, no disconnect messages; its clients just lose the connection.</summary>
    public void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone already.
        }
    }

    public async Task<HttpStatusCode> HealthAsync()
    {
        using var response = await Http.GetAsync("/health");
        return response.StatusCode;
    }

    /// <summary>Polls <c>/health</c> every 100 ms until it answers <paramref name="expected"/>; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForHealthAsync(HttpStatusCode expected, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        HttpStatusCode? last = null;
        while (deadline.Elapsed < timeout)
        {
            try
            {
                last = await HealthAsync();
                if (last == expected)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = null;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Node {Name}: /health did not answer {(int)expected} within {timeout} (last: {last?.ToString() ?? "no answer"}).");
    }

    public string ReadLog()
    {
        lock (logGate)
        {
            return File.Exists(LogFile) ? File.ReadAllText(LogFile) : string.Empty;
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= killOnExit;
        await Clients.DisposeAsync();
        Kill();
        process.Dispose();
        try
        {
            lock (logGate)
            {
                Directory.Delete(dataPath, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp folder is fine to leave.
        }
    }

    private static HubNode Launch(string name, IReadOnlyDictionary<string, string?> settings, string environment, string dataPath, int port)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = RepoPaths.Combine("Hub.Server"),
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { ServerAssembly, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", RepoPaths.Combine("Hub.Server") })
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing of the test process's own configuration leaks into the node.
        foreach (var key in start.Environment.Keys.Where(IsConfiguration).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;

        // Several nodes share a small test machine with the test run: workstation GC and no profiling JIT tier, as on a one-core container.
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_TieredPGO"] = "0";
        foreach (var (key, value) in LogSettings.Concat(new Dictionary<string, string?> { ["Hub:Storage:DataPath"] = dataPath }).Concat(settings))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var node = new HubNode(name, process, new Uri($"http://127.0.0.1:{port}"), dataPath);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Node {Name} exited with {process.ExitCode} while starting:{Environment.NewLine}{ReadLog()}");
            }

            try
            {
                if (await HealthAsync() == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"Node {Name} did not answer /health with 200 within {StartTimeout}:{Environment.NewLine}{ReadLog()}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (logGate)
        {
            if (Directory.Exists(dataPath))
            {
                File.AppendAllText(LogFile, line + Environment.NewLine);
            }
        }
    }

    private static bool IsConfiguration(string key) =>
        key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Hub__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase);

    /// <summary>The dotnet that runs the tests (the CLI sets DOTNET_HOST_PATH for its children), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : LocalServices.FindOnPath("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH.");
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SupportHub.Tests.TestHost;

/// <summary>
/// A real redis-server (Debian's package) on a free loopback port, shared by every test of the run:
/// started on first use, shut down when the test process exits. Tests isolate themselves by key
/// prefix. A missing redis-server fails the tests, never skips them: CI must run them.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private static readonly Lazy<Task<RedisServer>> Shared = new(StartSharedAsync);

    private readonly string directory;
    private readonly string executable;
    private int disposed;

    private RedisServer(int port, string directory, string executable)
    {
        Port = port;
        this.directory = directory;
        this.executable = executable;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>The run's server; the first caller starts it.</summary>
    public static Task<RedisServer> SharedAsync() => Shared.Value;

    /// <summary>A server of its own; the caller disposes it, and may <see cref="Stop"/> and <see cref="RestartAsync"/> it.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var executable = LocalServices.FindOnPath("redis-server") ?? throw new InvalidOperationException(
            "redis-server is not on PATH. The Redis tests need a real Redis and do not skip: install it with " +
            "'apt-get install -y redis-server' (Debian's package; the service need not run, the tests start their own).");

        // A free port can be taken by someone else before redis-server binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var server = new RedisServer(LocalServices.FreeLoopbackPort(), Directory.CreateTempSubdirectory("hub-redis-").FullName, executable);
            try
            {
                await server.LaunchAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                server.Dispose();
            }
        }
    }

    /// <summary>Drops every key, as a Redis that lost its data would have none (a private server only).</summary>
    public async Task FlushAllAsync()
    {
        var cli = LocalServices.FindOnPath("redis-cli") ?? throw new InvalidOperationException("redis-cli is not on PATH.");
        var (exitCode, output) = await RunAsync(cli, ["-h", "127.0.0.1", "-p", Port.ToString(), "flushall"]);
        if (exitCode != 0 || !output.Contains("OK", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"FLUSHALL on port {Port} failed ({exitCode}): {output}");
        }
    }

    /// <summary>
    /// Stops the server as an outage would: its data is gone (nothing is persisted), its clients see
    /// the connection drop. Returns once the port no longer answers. Never call it on the shared server.
    /// </summary>
    public async Task StopAsync()
    {
        if (!Shutdown())
        {
            KillFromPidFile();
        }

        using var timeout = new CancellationTokenSource(StartTimeout);
        while (await PingAsync())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new InvalidOperationException($"redis-server on port {Port} still answers {StartTimeout} after shutdown: {ReadLog()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Starts the server again on the same port, empty; stops it first (<see cref="StopAsync"/>) if it still runs.</summary>
    public async Task RestartAsync()
    {
        if (await PingAsync())
        {
            await StopAsync();
        }

        await LaunchAsync();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (!Shutdown())
        {
            KillFromPidFile();
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // The log may still be held open while the server exits; a temp folder is fine to leave.
        }
    }

    private string LogFile => Path.Combine(directory, "redis.log");

    private string PidFile => Path.Combine(directory, "redis.pid");

    private static async Task<RedisServer> StartSharedAsync()
    {
        var server = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }

    private async Task LaunchAsync()
    {
        string[] arguments =
        [
            "--port", Port.ToString(), "--bind", "127.0.0.1", "--daemonize", "yes", "--save", "", "--appendonly", "no",
            "--dir", directory, "--pidfile", PidFile, "--logfile", LogFile,
        ];
        var (exitCode, output) = await RunAsync(executable, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"redis-server exited with {exitCode}: {output}{ReadLog()}");
        }

        using var timeout = new CancellationTokenSource(StartTimeout);
        while (!await PingAsync())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new InvalidOperationException($"redis-server did not answer PING on port {Port} within {StartTimeout}: {ReadLog()}");
            }

            await Task.Delay(50);
        }
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    private bool Shutdown()
    {
        if (LocalServices.FindOnPath("redis-cli") is not { } cli)
        {
            return false;
        }

        // Synchronous on purpose: this also runs from ProcessExit, where nothing may be awaited.
        var (exitCode, _) = RunAsync(cli, ["-h", "127.0.0.1", "-p", Port.ToString(), "shutdown", "nosave"]).GetAwaiter().GetResult();
        return exitCode == 0;
    }

    private void KillFromPidFile()
    {
        try
        {
            if (File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid))
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            // Gone already.
        }
    }

    private string ReadLog() => File.Exists(LogFile) ? Environment.NewLine + File.ReadAllText(LogFile) : string.Empty;

    private static async Task<(int ExitCode, string Output)> RunAsync(string executable, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}

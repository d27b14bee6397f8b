using System.Diagnostics;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Widget;

/// <summary>
/// The widget's TypeScript unit tests (Hub.Widget/test: the conversation reducer, the single-flight
/// helper), run with `npm test` so that `dotnet test` runs them too.
/// </summary>
public sealed class WidgetUnitTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task TheWidgetsUnitTests_Pass()
    {
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = RepoPaths.Combine("Hub.Widget"),
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("test");
        start.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"npm test did not finish within {Timeout}:{Environment.NewLine}{await output}{await error}");
        }

        var text = await output + await error;
        Assert.True(process.ExitCode == 0, $"npm test in Hub.Widget failed with exit code {process.ExitCode}:{Environment.NewLine}{text}");
    }
}

using System.Diagnostics;
using System.Globalization;
using SupportHub.Loadgen;

// Usage: dotnet run --project infra/loadgen -c Release -- --url http://127.0.0.1:5080 --conversations 50 --seconds 20
var options = LoadOptions.Parse(args);
using var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };
var customers = Enumerable.Range(0, options.Conversations).Select(i => new Customer(options, http, i)).ToList();
foreach (var batch in customers.Chunk(20)) // connect in small batches so start-up is not the benchmark
{
    await Task.WhenAll(batch.Select(c => c.StartAsync()));
}

var clock = Stopwatch.StartNew();
var deadline = DateTime.UtcNow + options.Duration;
await Task.WhenAll(customers.Select(c => c.RunAsync(deadline)));
var elapsed = clock.Elapsed.TotalSeconds;

var latencies = customers.SelectMany(c => c.AckMilliseconds).Order().ToArray();
foreach (var customer in customers)
{
    await customer.DisposeAsync();
}

double Percentile(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{options.Label} conversations={options.Conversations} seconds={elapsed:F1} messages={latencies.Length} msg/s={latencies.Length / elapsed:F0} p50={Percentile(0.50):F1}ms p99={Percentile(0.99):F1}ms"));

using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Infrastructure;

// Usage: dotnet infra/storebench/bin/Release/net10.0/Storebench.dll <Fsync|FsyncPerCommit|None> <writers> <seconds>
// Each writer appends to its own conversation through IConversationStore, composed as the server
// composes it (AddDocumentStore, LiteDB), the next append as soon as the previous one returns.
var durability = args.Length > 0 ? args[0] : "Fsync";
var writers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
if (writers is < 1 or > 2000 || seconds is < 1 or > 600)
{
    throw new ArgumentException("Need 1-2000 writers and 1-600 seconds.");
}

var folder = Path.Combine(Path.GetTempPath(), "hub-storebench", Guid.NewGuid().ToString("N"));
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Hub:Storage:DataPath"] = folder,
    ["Hub:Storage:Durability"] = durability,
});
builder.AddDocumentStore();
using (var host = builder.Build())
{
    await host.StartAsync();
    var store = host.Services.GetRequiredService<IConversationStore>();
    var ids = Enumerable.Range(0, writers).Select(i => $"bench-{i}").ToList();
    foreach (var id in ids)
    {
        await store.CreateAsync(new Conversation { Id = id, CustomerId = "c-" + id, TicketId = "t-" + id, Status = ConversationStatus.Waiting, CreatedAt = DateTimeOffset.UtcNow });
    }

    var deadline = DateTime.UtcNow.AddSeconds(seconds);
    var clock = Stopwatch.StartNew();
    var latencies = await Task.WhenAll(ids.Select(id => Task.Run(async () =>
    {
        var mine = new List<double>();
        var each = new Stopwatch();
        for (var n = 0; n < 1_000_000 && DateTime.UtcNow < deadline; n++)
        {
            each.Restart();
            await store.AppendAsync(new NewMessage(id, $"m{n}", SenderRole.Customer, "c-" + id, "Bench", MessageKind.Text, $"Message {n}", DateTimeOffset.UtcNow));
            mine.Add(each.Elapsed.TotalMilliseconds);
        }

        return mine;
    })));
    var elapsed = clock.Elapsed.TotalSeconds;
    var all = latencies.SelectMany(l => l).Order().ToArray();
    double Percentile(double p) => all[Math.Min(all.Length - 1, (int)(p * all.Length))];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{durability} writers={writers} seconds={elapsed:F1} appends={all.Length} appends/s={all.Length / elapsed:F0} p50={Percentile(0.5):F2}ms p99={Percentile(0.99):F2}ms"));
    await host.StopAsync();
}

Directory.Delete(folder, recursive: true);

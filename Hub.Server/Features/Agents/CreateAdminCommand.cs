namespace SupportHub.Server.Features.Agents;

/// <summary>
/// <c>dotnet run --project Hub.Server -- create-admin --email you@example.com --name "Your Name"</c>;
/// the password comes from HUB_ADMIN_PASSWORD or the first line of standard input. Outside
/// Development this is the only way to the first account: no default password exists.
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";
    public const int MinPasswordLength = 12;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output)
    {
        var email = ValueOf(args, "--email");
        var name = ValueOf(args, "--name") ?? "Administrator";
        var password = Environment.GetEnvironmentVariable("HUB_ADMIN_PASSWORD") ?? await input.ReadLineAsync();
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            await output.WriteLineAsync("create-admin: --email <address> is required.");
            return 2;
        }

        if (password is null || password.Length < MinPasswordLength)
        {
            await output.WriteLineAsync($"create-admin: the password (HUB_ADMIN_PASSWORD or standard input) needs at least {MinPasswordLength} characters.");
            return 2;
        }

        using var scope = services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AgentAccounts>();
        var admin = await accounts.CreateAsync(
            new NewAgent(email, name, password, [AgentRole.Agent, AgentRole.Supervisor, AgentRole.Admin], [1, 2, 3], []));
        if (admin is null)
        {
            await output.WriteLineAsync($"create-admin: an account for {email} exists already; nothing changed.");
            return 1;
        }

        await output.WriteLineAsync($"create-admin: created {admin.Email} with roles agent, supervisor, admin.");
        return 0;
    }

    private static string? ValueOf(string[] args, string flag)
    {
        var i = Array.IndexOf(args, flag);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

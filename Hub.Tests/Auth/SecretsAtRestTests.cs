using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SupportHub.Server.Features.Agents;
using SupportHub.Server.Infrastructure.Auth;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Auth;

/// <summary>docs/security.md#secrets-at-rest: the key file's mode, key ids and rotation, the pinned algorithm, password hashing.</summary>
public sealed class SecretsAtRestTests
{
    private const string OldKey = "the-signing-key-before-the-rotation-0123456789";
    private const string NewKey = "the-signing-key-after-the-rotation-0123456789ab";

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task TheGeneratedSigningKeyFile_IsReadableByItsOwnerOnly_AndAnOldLooseOneIsTightened()
    {
        await using (var server = HubServer.Start(settings: new Dictionary<string, string?> { ["Hub:Auth:SigningKey"] = null }))
        {
            var login = await server.CreateAgentAsync("Ada"); // the key is made when the first token is signed
            var file = Path.Combine(server.DataPath, SigningKeyProvider.KeyFileName);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(SigningKeyProvider.KeyIdOf(File.ReadAllText(file)), new JsonWebToken(login.Token).Kid);
        }

        var dataPath = HubServer.NewDataPath();
        Directory.CreateDirectory(dataPath);
        var loose = Path.Combine(dataPath, SigningKeyProvider.KeyFileName);
        File.WriteAllText(loose, OldKey);
        File.SetUnixFileMode(loose, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        try
        {
            await using var restarted = HubServer.Start(dataPath, settings: new Dictionary<string, string?> { ["Hub:Auth:SigningKey"] = null });
            var token = (await restarted.CreateAgentAsync("Bo")).Token;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(loose));
            Assert.Equal(SigningKeyProvider.KeyIdOf(OldKey), new JsonWebToken(token).Kid);
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    [Fact]
    public async Task ARotatedKey_KeepsItsTokensValid_WhileListedAsPrevious_AndNotAfter()
    {
        var dataPath = HubServer.NewDataPath();
        try
        {
            string oldToken;
            await using (var before = HubServer.Start(dataPath, settings: new Dictionary<string, string?> { ["Hub:Auth:SigningKey"] = OldKey }))
            {
                oldToken = (await before.CreateAgentAsync("Ada")).Token;
            }

            await using (var rotated = HubServer.Start(dataPath, settings: new Dictionary<string, string?>
            {
                ["Hub:Auth:SigningKey"] = NewKey,
                ["Hub:Auth:PreviousSigningKeys:0"] = OldKey,
            }))
            {
                Assert.Equal(HttpStatusCode.OK, await MeAsync(rotated, oldToken));
                var newToken = (await rotated.CreateAgentAsync("Bo")).Token;
                Assert.Equal(SigningKeyProvider.KeyIdOf(NewKey), new JsonWebToken(newToken).Kid);
                Assert.NotEqual(new JsonWebToken(oldToken).Kid, new JsonWebToken(newToken).Kid);
            }

            await using var after = HubServer.Start(dataPath, settings: new Dictionary<string, string?> { ["Hub:Auth:SigningKey"] = NewKey });
            Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(after, oldToken));
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    [Fact]
    public async Task OnlyHs256IsAccepted_EvenWithTheRightKey()
    {
        // 64+ bytes, so that an HS512 signature with it would verify if the algorithm were not pinned.
        const string key = "a-signing-key-long-enough-for-hs512-0123456789-abcdefghijklmnopqrstuvwxyz";
        await using var server = HubServer.Start(settings: new Dictionary<string, string?> { ["Hub:Auth:SigningKey"] = key });
        var token = (await server.CreateAgentAsync("Ada")).Token;
        var payload = token.Split('.')[1];
        var kid = new JsonWebToken(token).Kid;
        var hs512Header = Base64UrlEncoder.Encode($$"""{"alg":"HS512","kid":"{{kid}}","typ":"JWT"}""");
        var hs512 = $"{hs512Header}.{payload}.{Base64UrlEncoder.Encode(HMACSHA512.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes($"{hs512Header}.{payload}")))}";
        var none = $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{payload}.";

        Assert.Equal(HttpStatusCode.OK, await MeAsync(server, token));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(server, hs512));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(server, none));
    }

    [Fact]
    public async Task ByDefault_PasswordsAreHashedWithPbkdf2Sha512_At210000Iterations()
    {
        await using var server = HubServer.Start(settings: new Dictionary<string, string?> { ["Hub:Auth:PasswordHashIterations"] = null });
        var login = await server.CreateAgentAsync("Ada");

        var stored = await server.Service<IAgentStore>().GetAsync(login.Agent.Id);
        Assert.Equal((KeyDerivationPrfSha512, 210_000), Pbkdf2Of(stored!.PasswordHash));
    }

    [Fact]
    public async Task AHashWithFewerIterations_IsUpgradedAtTheNextSignIn()
    {
        await using var server = HubServer.Start(settings: new Dictionary<string, string?> { ["Hub:Auth:PasswordHashIterations"] = "20000" });
        var agents = server.Service<IAgentStore>();
        var older = new AgentAccounts(agents, TestAgents.DemoPolicy, TimeProvider.System, new PasswordHasher<Agent>(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 })));
        var agent = (await older.CreateAsync(TestAgents.New("Old Timer")))!;
        Assert.Equal(10_000, Pbkdf2Of(agent.PasswordHash).Iterations);

        var wrong = await server.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(agent.Email, "not the password"), HubServer.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(10_000, Pbkdf2Of((await agents.GetAsync(agent.Id))!.PasswordHash).Iterations); // a wrong password changes nothing

        var right = await server.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(agent.Email, TestAgents.Password), HubServer.Json);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(20_000, Pbkdf2Of((await agents.GetAsync(agent.Id))!.PasswordHash).Iterations);
        var again = await server.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(agent.Email, TestAgents.Password), HubServer.Json);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    /// <summary>KeyDerivationPrf.HMACSHA512 as ASP.NET Core's V3 hash format stores it.</summary>
    private const int KeyDerivationPrfSha512 = 2;

    /// <summary>The PRF and iteration count of an ASP.NET Core V3 hash: 0x01, prf, iterations, salt length (big-endian uint32 each).</summary>
    private static (int Prf, int Iterations) Pbkdf2Of(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)));
    }

    private static async Task<HttpStatusCode> MeAsync(HubServer server, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await server.Http.SendAsync(request)).StatusCode;
    }
}

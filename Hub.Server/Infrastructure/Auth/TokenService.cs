using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SupportHub.Server.Features.Agents;

namespace SupportHub.Server.Infrastructure.Auth;

/// <summary>Issues the signed bearer tokens of visitors and agents.</summary>
public sealed class TokenService(SigningKeyProvider keys, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler handler = new();

    public IssuedToken IssueVisitorToken(string customerId) =>
        Issue(
            [new Claim(HubClaims.Subject, customerId), new Claim(HubClaims.Role, HubClaims.CustomerRole)],
            options.Value.VisitorTokenLifetime);

    public IssuedToken IssueAgentToken(Agent agent)
    {
        var claims = new List<Claim>
        {
            new(HubClaims.Subject, agent.Id),
            new(HubClaims.Name, agent.DisplayName),
            new(HubClaims.SessionVersion, agent.SessionVersion.ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(agent.Roles.Select(r => new Claim(HubClaims.Role, RoleName(r))));
        claims.AddRange(agent.Levels.Select(l => new Claim(HubClaims.Level, l.ToString(CultureInfo.InvariantCulture))));
        return Issue(claims, options.Value.AgentTokenLifetime);
    }

    public static string RoleName(AgentRole role) => role switch
    {
        AgentRole.Agent => HubClaims.AgentRole,
        AgentRole.Supervisor => HubClaims.SupervisorRole,
        AgentRole.Admin => HubClaims.AdminRole,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    private IssuedToken Issue(IEnumerable<Claim> claims, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Issuer,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expires);
    }
}

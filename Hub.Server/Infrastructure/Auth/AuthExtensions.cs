using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SupportHub.Server.Features.Agents;

namespace SupportHub.Server.Infrastructure.Auth;

public static class AuthExtensions
{
    /// <summary>Bearer tokens for visitors and agents; SignalR takes them from <c>access_token</c> on /hubs.</summary>
    public static IHostApplicationBuilder AddHubAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName)
            .Validate(o => string.IsNullOrEmpty(o.SigningKey) || o.SigningKey.Length >= 32, $"{AuthOptions.SectionName}:SigningKey must be at least 32 characters.")
            .Validate(
                o => o.PasswordHashIterations >= AuthOptions.MinimumPasswordHashIterations,
                $"{AuthOptions.SectionName}:PasswordHashIterations must be at least {AuthOptions.MinimumPasswordHashIterations}.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SigningKeyProvider>();
        builder.Services.AddOptions<PasswordHasherOptions>().Configure<IOptions<AuthOptions>>((hashing, auth) =>
            hashing.IterationCount = auth.Value.PasswordHashIterations);
        builder.Services.AddSingleton<TokenService>();
        builder.Services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyProvider, IOptions<AuthOptions>>((jwt, keys, auth) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Issuer,
                    IssuerSigningKeys = keys.ValidationKeys,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256], // pinned: no other algorithm, no "none"
                    NameClaimType = HubClaims.Name,
                    RoleClaimType = HubClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                jwt.Events = new JwtBearerEvents
                {
                    // A staff token is only as good as its account: disabled or deleted agents are refused at once.
                    OnTokenValidated = async context =>
                    {
                        var principal = context.Principal!;
                        if (principal.IsInRole(HubClaims.CustomerRole))
                        {
                            return;
                        }

                        var agents = context.HttpContext.RequestServices.GetRequiredService<IAgentStore>();
                        var agent = await agents.GetAsync(principal.FindFirst(HubClaims.Subject)?.Value ?? string.Empty, context.HttpContext.RequestAborted);
                        if (agent is not { Disabled: false })
                        {
                            context.Fail("This agent account is disabled or no longer exists.");
                        }
                    },
                    // Browsers cannot set headers on WebSockets, so SignalR clients send the token in the query.
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query["access_token"];
                        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(HubPolicies.Customer, p => p.RequireRole(HubClaims.CustomerRole))
            .AddPolicy(HubPolicies.Staff, p => p.RequireRole(HubClaims.AgentRole, HubClaims.SupervisorRole, HubClaims.AdminRole))
            .AddPolicy(HubPolicies.Supervisor, p => p.RequireRole(HubClaims.SupervisorRole, HubClaims.AdminRole))
            .AddPolicy(HubPolicies.Admin, p => p.RequireRole(HubClaims.AdminRole));
        return builder;
    }
}

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
            .Validate(o => o.ClockSkew >= TimeSpan.Zero && o.ClockSkew <= TimeSpan.FromMinutes(5), $"{AuthOptions.SectionName}:ClockSkew must be between 0 and 5 minutes.")
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
                    ClockSkew = auth.Value.ClockSkew,
                };
                jwt.Events = new JwtBearerEvents
                {
                    // A staff token is only as good as its account and session: disabled or deleted agents,
                    // demo accounts outside Development and ended sessions are refused at once.
                    OnTokenValidated = async context =>
                    {
                        var principal = context.Principal!;
                        if (principal.IsInRole(HubClaims.CustomerRole))
                        {
                            return;
                        }

                        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
                        if (await sessions.RefusalAsync(principal, mayUseRecentCopy: false, context.HttpContext.RequestAborted) is { } refusal)
                        {
                            context.Fail(refusal);
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

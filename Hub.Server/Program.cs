using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Audit;
using SupportHub.Server.Features.Calls;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Server.Features.Privacy;
using SupportHub.Server.Features.Routing;
using SupportHub.Server.Features.Tickets;
using SupportHub.Server.Features.WidgetHosting;
using SupportHub.Server.Infrastructure;
using SupportHub.Server.Infrastructure.Auth;
using SupportHub.Server.Infrastructure.Http;
using SupportHub.Server.Infrastructure.Limits;
using SupportHub.Server.Infrastructure.Validation;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.AddDocumentStore();
builder.AddEphemeralState();
builder.AddHubAuth();
builder.AddHttpHardening();
builder.AddHubValidation();
builder.AddAgents();
builder.AddCustomers();
builder.AddChat();
builder.AddLimits();
builder.AddRouting();
builder.AddWidgetHosting();
builder.AddCalls();
builder.AddAudit();
builder.AddPrivacy();

var app = builder.Build();

if (args is [CreateAdminCommand.Name, ..])
{
    return await CreateAdminCommand.RunAsync(app.Services, args[1..], Console.In, Console.Out);
}

app.UseHttpHardening();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWidgetHosting();
app.UseDefaultFiles();
app.UseStaticFiles(WidgetHostingExtensions.StaticFiles(app.Services));
app.UseAuthentication();
app.UseAuthorization();
app.UseLimits();

app.MapHubHealth();
app.MapAuth();
app.MapVisitors();
app.MapTickets();
app.MapCustomers();
app.MapChat();
app.MapCalls();
app.MapAudit();
app.MapPrivacy();

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

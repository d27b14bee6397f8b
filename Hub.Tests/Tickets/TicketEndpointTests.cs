using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SupportHub.Server.Features.Tickets;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Tickets;

public sealed class TicketEndpointTests
{
    [Fact]
    public async Task Staff_ReadTheTicketOfAChat_ByNumberAndByCustomer()
    {
        await using var server = HubServer.Start();
        var agent = await server.CreateAgentAsync("Ada");
        var visitor = await server.CreateVisitorAsync();
        var customer = await server.ConnectCustomerAsync(visitor.Token);
        var started = await customer.StartAsync("Printer offline", topic: "printing");
        server.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", agent.Token);

        var ticket = await server.Http.GetFromJsonAsync<Ticket>($"/api/tickets/{started.TicketNumber}", HubServer.Json);
        var list = await server.Http.GetFromJsonAsync<List<Ticket>>($"/api/tickets?customerId={visitor.CustomerId}", HubServer.Json);
        var missing = await server.Http.GetAsync("/api/tickets");
        var unknown = await server.Http.GetAsync("/api/tickets/999999");

        Assert.Equal((TicketStatus.Open, "printing", 1), (ticket!.Status, ticket.Subject, Assert.Single(ticket.LevelHistory).Level));
        Assert.Equal([started.ConversationId], ticket.ConversationIds);
        Assert.Equal(ticket.Id, Assert.Single(list!).Id);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("\"customerId\"", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Tickets;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Chat;

public sealed class ValidationTests
{
    public static TheoryData<string, string> BadMessages => new()
    {
        { string.Empty, "Text must not be empty." },
        { "   ", "Text must not be empty." },
        { new string('x', ChatLimits.MaxTextLength + 1), $"Text must be at most {ChatLimits.MaxTextLength} characters." },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task EmptyOrOversizedMessage_GetsAClearError_AndChangesNothing(string text, string expected)
    {
        await using var server = HubServer.Start();
        var (customer, agent, id) = await ChatFlowTests.StartClaimedAsync(server);
        var store = server.Service<IConversationStore>();
        var before = (await store.GetAsync(id))!.LastSeq;

        var fromCustomer = await Assert.ThrowsAsync<HubException>(() => customer.SendAsync(id, text));
        var fromAgent = await Assert.ThrowsAsync<HubException>(() => agent.SendAsync(id, text));

        Assert.Equal($"validation_failed: {expected}", HubError.Of(fromCustomer));
        Assert.Equal($"validation_failed: {expected}", HubError.Of(fromAgent));
        Assert.Equal(before, (await store.GetAsync(id))!.LastSeq);
        Assert.Equal(before, (await store.GetMessagesAsync(id, 0, 100, true)).Count);
    }

    [Fact]
    public async Task MalformedStartRequests_AreRefused_AndCreateNoConversationOrTicket()
    {
        await using var server = HubServer.Start();
        var visitor = await server.CreateVisitorAsync();
        var customer = await server.ConnectCustomerAsync(visitor.Token);
        var requests = new StartConversationRequest?[]
        {
            new("Carla", "not-an-email", "billing", "Hi", "c1"),
            new("Carla", "carla@example.com", "billing", "Hi", string.Empty),
            new(new string('n', ChatLimits.MaxNameLength + 1), null, null, "Hi", "c2"),
            new("Carla", null, new string('t', ChatLimits.MaxTopicLength + 1), "Hi", "c3"),
            null,
        };

        foreach (var request in requests)
        {
            var error = await Assert.ThrowsAsync<HubException>(() =>
                customer.Connection.InvokeAsync<StartConversationResult>(nameof(CustomerHub.StartConversation), request).WaitAsync(HubServer.Timeout));
            Assert.StartsWith("validation_failed: ", HubError.Of(error), StringComparison.Ordinal);
        }

        Assert.Empty(await server.Service<IConversationStore>().ListByCustomerAsync(visitor.CustomerId));
        Assert.Empty(await server.Service<ITicketStore>().ListByCustomerAsync(visitor.CustomerId));
    }

    [Fact]
    public async Task UnknownIdsAndNegativeSeqs_GetClearErrors()
    {
        await using var server = HubServer.Start();
        var (customer, agent, id) = await ChatFlowTests.StartClaimedAsync(server);

        var unknown = await Assert.ThrowsAsync<HubException>(() => customer.SendAsync("no-such-conversation", "hi"));
        Assert.Equal("not_found: Conversation 'no-such-conversation' does not exist.", HubError.Of(unknown));
        var negative = await Assert.ThrowsAsync<HubException>(() => customer.ResumeAsync(id, -1));
        Assert.StartsWith("validation_failed: ", HubError.Of(negative), StringComparison.Ordinal);
        var tooLongId = await Assert.ThrowsAsync<HubException>(() => customer.SendAsync(new string('a', 200), "hi"));
        Assert.StartsWith("validation_failed: ", HubError.Of(tooLongId), StringComparison.Ordinal);
        var noResolution = await Assert.ThrowsAsync<HubException>(() => agent.ResolveAsync(id, " "));
        Assert.StartsWith("validation_failed: ", HubError.Of(noResolution), StringComparison.Ordinal);
        Assert.Equal(ConversationStatus.Active, (await server.Service<IConversationStore>().GetAsync(id))!.Status);
    }

    [Fact]
    public async Task Login_WithInvalidBody_AnswersValidationProblemDetails()
    {
        await using var server = HubServer.Start();

        var response = await server.Http.PostAsJsonAsync("/api/auth/login", new { email = "nope", password = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Development")]
    public async Task Login_WithMalformedJson_AnswersProblemDetails(string environment)
    {
        await using var server = HubServer.Start(environment: environment);

        var response = await server.Http.PostAsync("/api/auth/login", new StringContent("{\"email\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Login_WithWrongPassword_AnswersUnauthorizedProblem()
    {
        await using var server = HubServer.Start();
        var agent = await server.CreateAgentAsync("Ada");

        var response = await server.Http.PostAsJsonAsync("/api/auth/login", new { email = agent.Agent.Email, password = "wrong password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CreateVisitor_WithMalformedEmail_IsRefused()
    {
        await using var server = HubServer.Start();

        var response = await server.Http.PostAsJsonAsync("/api/visitors", new { name = "Carla", email = "carla-at-example" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"email\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

using Microsoft.AspNetCore.SignalR.Client;
using SupportHub.Server.Features.Chat;
using SupportHub.Server.Features.Customers;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Calls;

/// <summary>A call's data travels in fields (ConversationDto.Call, Customer.PhoneNumber), never in the form of an id.</summary>
public sealed class CallFieldsTests
{
    [Fact]
    public async Task ACallsConversation_NamesItsCallSidAndCallerNumber_AndAChatsNamesNoCall()
    {
        await using var api = await FakeTwilioApi.StartAsync();
        await using var server = HubServer.Start(settings: Voice.Settings(api.BaseAddress));
        var (_, ada) = await Voice.AvailableAgentAsync(server, "Ada", [1]);
        var (callSid, conversationId) = await Voice.Twilio(server).ConnectedCallAsync(api, ada);

        var call = (await ada.Connection.InvokeAsync<ResumeResult>(nameof(AgentHub.Open), new ConversationRequest(conversationId)).WaitAsync(HubServer.Timeout)).Conversation;
        Assert.Equal(new CallDto(callSid, CallKind.Live, Voice.Caller), call.Call);
        var caller = await server.Service<ICustomerStore>().GetAsync(call.CustomerId);
        Assert.Equal(Voice.Caller, caller!.PhoneNumber);

        var visitor = await server.CreateVisitorAsync();
        var customer = await server.ConnectCustomerAsync(visitor.Token);
        var started = await customer.StartAsync("Hello");
        var chat = await customer.ResumeAsync(started.ConversationId, 0);
        Assert.Null(chat.Conversation.Call);
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using SupportHub.Server.Features.Audit;
using SupportHub.Tests.TestHost;

namespace SupportHub.Tests.Audit;

/// <summary>Reads the audit log the way a supervisor's console does: <c>GET /api/audit</c> with a token.</summary>
internal static class AuditApi
{
    public static async Task<HttpResponseMessage> GetAsync(HubServer server, string? token, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, AuditEndpoints.Path + query);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await server.Http.SendAsync(request);
    }

    public static async Task<AuditPage> PageAsync(HubServer server, string token, string query)
    {
        var response = await GetAsync(server, token, query);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<AuditPage>(HubServer.Json))!;
    }

    public static async Task<List<AuditEntry>> EntriesAsync(HubServer server, string token, string query) =>
        [.. (await PageAsync(server, token, query)).Entries];
}

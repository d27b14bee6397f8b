using System.Security.Cryptography;
using System.Text;

namespace SupportHub.Tests.Calls;

/// <summary>Sends webhooks the way Twilio does: form-encoded, signed over the public URL and the sorted parameters.</summary>
public sealed class TwilioWebhooks(HttpClient http, string publicBaseUrl, string authToken)
{
    public const string SignatureHeader = "X-Twilio-Signature";

    /// <summary>Twilio's algorithm: HMAC-SHA1 (key: auth token) of the URL followed by each name and value, names sorted; base64.</summary>
    public static string Sign(string authToken, string url, IReadOnlyDictionary<string, string> parameters)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

#pragma warning disable CA5350 // Twilio's signature is defined with SHA-1
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    public Task<HttpResponseMessage> PostAsync(string path, IReadOnlyDictionary<string, string> parameters) =>
        PostAsync(path, parameters, Sign(authToken, publicBaseUrl.TrimEnd('/') + path, parameters));

    public async Task<HttpResponseMessage> PostAsync(string path, IReadOnlyDictionary<string, string> parameters, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(parameters) };
        if (signature is not null)
        {
            request.Headers.Add(SignatureHeader, signature);
        }

        return await http.SendAsync(request);
    }

    /// <summary>The parameters Twilio sends with every voice webhook of one call.</summary>
    public static Dictionary<string, string> Call(string callSid, string from, string status = "in-progress", params (string Key, string Value)[] extra)
    {
        var parameters = new Dictionary<string, string>
        {
            ["AccountSid"] = Voice.AccountSid,
            ["ApiVersion"] = "2010-04-01",
            ["CallSid"] = callSid,
            ["CallStatus"] = status,
            ["Called"] = "+4930123456",
            ["Caller"] = from,
            ["Direction"] = "inbound",
            ["From"] = from,
            ["To"] = "+4930123456",
        };
        foreach (var (key, value) in extra)
        {
            parameters[key] = value;
        }

        return parameters;
    }
}

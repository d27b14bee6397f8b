using Microsoft.Extensions.Options;
using Twilio.Security;

namespace SupportHub.Server.Features.Calls;

/// <summary>
/// Lets a webhook through only when voice is on and X-Twilio-Signature matches the public URL
/// (PublicBaseUrl + path + query, so it works behind proxies) and the form parameters.
/// </summary>
internal sealed class TwilioSignatureFilter(IOptions<TwilioOptions> options) : IEndpointFilter
{
    public const string SignatureHeader = "X-Twilio-Signature";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var twilio = options.Value;
        if (!twilio.IsEnabled)
        {
            return TypedResults.Problem("Voice is not configured: set Hub:Twilio:AuthToken and Hub:Twilio:PublicBaseUrl.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (context.HttpContext.Items.ContainsKey(CallWebhook.FormTooLargeKey))
        {
            return TypedResults.Problem("The webhook's form is larger than Hub accepts.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var request = context.HttpContext.Request;
        var signature = request.Headers[SignatureHeader].ToString();
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
            {
                // Too many fields, a field too long, or a body over the server's limit: Twilio sends none of these.
                var status = e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status413PayloadTooLarge;
                return TypedResults.Problem("The webhook's form is larger than Hub accepts.", statusCode: status);
            }

            foreach (var (key, value) in form)
            {
                parameters[key] = value.ToString();
            }
        }

        var url = twilio.PublicUrl(request.Path.Value + request.QueryString.Value);
        if (string.IsNullOrEmpty(signature) || !new RequestValidator(twilio.AuthToken).Validate(url, parameters, signature))
        {
            return TypedResults.Problem("Missing or invalid X-Twilio-Signature.", statusCode: StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }
}

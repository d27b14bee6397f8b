namespace SupportHub.Server.Features.Customers;

/// <summary>Identity verification of a site's logged-in users, as Chatwoot does it: an HMAC of the user id.</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Hub:Identity";

    /// <summary>
    /// The site's secret. The site's server computes hex(HMAC-SHA256(secret, userId)) and hands it to
    /// the widget with the user id; Hub then gives that user the same customer record (and history)
    /// on every device. Empty: identity verification is off and user ids are refused.
    /// </summary>
    public string? Secret { get; set; }
}

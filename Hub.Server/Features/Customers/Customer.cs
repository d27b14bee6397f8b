namespace SupportHub.Server.Features.Customers;

public sealed class Customer
{
    public required string Id { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    /// <summary>The site's own user id, set only when the site proved it (identity token, or the legacy HMAC).</summary>
    public string? ExternalId { get; set; }

    /// <summary>The number a phone customer calls from (E.164); null for customers met only in chat.</summary>
    public string? PhoneNumber { get; set; }

    /// <summary>Name is the one the site's identity token signed: the visitor's typed name does not replace it.</summary>
    public bool NameVerified { get; set; }

    /// <summary>Email is the one the site's identity token signed: the visitor's typed e-mail does not replace it.</summary>
    public bool EmailVerified { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>
    /// When an admin erased the customer: the personal fields are cleared and stay so (the store's
    /// replace refuses an erased customer), and the visitor token of this id starts nothing new.
    /// </summary>
    public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>Takes the attributes the site signed as verified; true when anything changed.</summary>
    public bool TakeSignedAttributes(VerifiedIdentity identity)
    {
        var changed = false;
        if (identity.Name is { } name && (Name != name || !NameVerified))
        {
            (Name, NameVerified, changed) = (name, true, true);
        }

        if (identity.Email is { } email && (Email != email || !EmailVerified))
        {
            (Email, EmailVerified, changed) = (email, true, true);
        }

        return changed;
    }

    /// <summary>
    /// What a visitor types at the start of a chat: taken where the site did not sign the field, ignored
    /// where it did; an empty field keeps what was known.
    /// </summary>
    public void TakeTypedAttributes(string? name, string? email)
    {
        if (!NameVerified && !string.IsNullOrWhiteSpace(name))
        {
            Name = name.Trim();
        }

        if (!EmailVerified && !string.IsNullOrWhiteSpace(email))
        {
            Email = email.Trim();
        }
    }
}

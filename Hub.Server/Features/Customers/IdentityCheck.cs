namespace SupportHub.Server.Features.Customers;

/// <summary>The outcome of checking an identity: the verified user, or the refusal's code and detail.</summary>
public sealed record IdentityCheck(VerifiedIdentity? Identity, string? Code, string? Detail)
{
    public static IdentityCheck Verified(VerifiedIdentity identity) => new(identity, null, null);

    public static IdentityCheck Refused(string code, string detail) => new(null, code, detail);
}

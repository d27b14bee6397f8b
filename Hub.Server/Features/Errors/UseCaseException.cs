namespace SupportHub.Server.Features.Errors;

/// <summary>
/// A use case refused a request, for a reason the caller can act on (<see cref="Code"/> is one of
/// <see cref="HubErrors"/>' codes). It names no transport: the hub filter answers it as a
/// HubException, the endpoint filter as problem details. It is an expected answer, not a fault, so
/// neither logs it as an error.
/// </summary>
public sealed class UseCaseException(string code, string detail) : Exception($"{code}: {detail}")
{
    public string Code { get; } = code;

    public string Detail { get; } = detail;
}

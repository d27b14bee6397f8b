namespace SupportHub.Server.Features.Privacy;

/// <summary>What an erasure did: the customer kept as an anonymous record, its conversations erased, its tickets anonymized.</summary>
public sealed record ErasureResult(string CustomerId, DateTimeOffset ErasedAt, int Conversations, int Tickets);

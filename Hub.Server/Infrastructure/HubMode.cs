namespace SupportHub.Server.Infrastructure;

/// <summary>Which adapters this node runs on, as reported by /health.</summary>
public sealed record HubMode(string DocumentStore);

namespace SupportHub.Tests.TestHost;

/// <summary>The MongoDB stand-in could not be installed or started here; the message says why.</summary>
public sealed class CongoDbUnavailableException(string message) : Exception(message);

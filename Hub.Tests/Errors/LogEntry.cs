using Microsoft.Extensions.Logging;

namespace SupportHub.Tests.Errors;

internal sealed record LogEntry(LogLevel Level, string Category, string Message)
{
    public bool IsError => Level >= LogLevel.Error;
}

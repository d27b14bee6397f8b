using Microsoft.AspNetCore.Http.Metadata;

namespace SupportHub.Server.Infrastructure.Limits;

/// <summary>An endpoint's own request body limit; routing applies it before the body is read, a bigger body answers 413.</summary>
internal sealed class RequestBodyLimit(long bytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = bytes;
}

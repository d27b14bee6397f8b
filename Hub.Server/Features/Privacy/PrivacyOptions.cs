using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Privacy;

/// <summary>Section <c>Hub:Privacy</c>: the retention of closed conversations (docs/configuration.md).</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Hub:Privacy";

    /// <summary>How long a closed conversation keeps its transcript; null (the default) keeps it for ever.</summary>
    public TimeSpan? RetentionPeriod { get; set; }

    /// <summary>What retention does to an expired conversation's messages.</summary>
    public TranscriptErasure RetentionMode { get; set; } = TranscriptErasure.Anonymize;

    /// <summary>How often a node looks for expired conversations.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At most this many conversations per look; the next pass goes on.</summary>
    public int RetentionBatchSize { get; set; } = 200;
}

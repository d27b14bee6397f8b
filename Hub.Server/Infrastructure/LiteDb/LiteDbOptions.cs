using System.ComponentModel.DataAnnotations;

namespace SupportHub.Server.Infrastructure.LiteDb;

public sealed class LiteDbOptions
{
    public const string SectionName = "Hub:Storage";

    /// <summary>Folder for the embedded database file (and other local state). Relative to the working directory.</summary>
    [Required]
    public string DataPath { get; set; } = "data";

    [Required]
    public string FileName { get; set; } = "hub.db";
}

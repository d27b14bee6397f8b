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

    /// <summary>When a write is answered: after an fsync shared by concurrent writes (default), or at once.</summary>
    [EnumDataType(typeof(StorageDurability))]
    public StorageDurability Durability { get; set; } = StorageDurability.Fsync;
}

using System.ComponentModel.DataAnnotations;

namespace SupportHub.Server.Features.Agents;

public sealed class AccountOptions
{
    public const string SectionName = "Hub:Accounts";

    /// <summary>How long a one-time invitation or password-reset link stays usable.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00", ErrorMessage = "Hub:Accounts:InvitationLifetime must be between 5 minutes and 30 days.")]
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(3);
}

namespace SupportHub.Server.Features.Routing;

/// <param name="Released">False when the agent had no open offer for the task (accepted, or withdrawn before).</param>
/// <param name="MissedOffers">The agent's missed offers in a row after this one.</param>
public sealed record ReleaseResult(bool Released, int MissedOffers);

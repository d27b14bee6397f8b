using SupportHub.Server.Features.Agents;
using SupportHub.Server.Features.Chat;

namespace SupportHub.Server.Features.Calls;

/// <summary>Connects a waiting caller to the agent who accepted the voice conversation.</summary>
public interface IVoiceBridge
{
    Task ConnectAsync(Conversation conversation, Agent agent, CancellationToken ct);
}
